package org.lens4j.models.llavanext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.testing.GoldenInputs;

class AnyResolutionTest {

    private static final int[][] LLAVA_NEXT_PINPOINTS = {{336, 672}, {672, 336}, {672, 672}, {1008, 336}, {336, 1008}};

    @Test
    void goldenImageGeometryMatchesInputs() {
        Path folder = SharedData.golden("llava_next-single");
        LlavaNextConfig config = LlavaNextConfig.from(ModelConfig.read(folder));
        int[][] pinpoints = config.imageGridPinpoints();
        int tile = config.llava().vision().imageSize();
        int side = config.llava().vision().patchesPerSide();
        try (NDManager manager = LensRuntime.newManager()) {
            ModelInputs inputs = GoldenInputs.read(folder, manager);
            long[] size = inputs.require("image_sizes").toLongArray();
            long goldenTiles = inputs.require(ModelInputs.PIXEL_VALUES).getShape().get(1);
            long goldenImageTokens = LongStream.of(inputs.require(ModelInputs.INPUT_IDS).toLongArray())
                    .filter(id -> id == config.llava().imageTokenIndex()).count();

            int tiles = AnyResolution.tileCount((int) size[0], (int) size[1], pinpoints, tile);
            int[] grid = AnyResolution.gridShape((int) size[0], (int) size[1], pinpoints, tile);
            int[] region = AnyResolution.unpaddedRegion(grid[0] * side, grid[1] * side, (int) size[0], (int) size[1]);
            long packed = side * side + (long) (region[1] - region[0]) * (region[3] - region[2] + 1);

            assertEquals(goldenTiles, tiles);
            assertEquals(goldenImageTokens, packed);
        }
    }

    @Test
    void wideImagePicksWidePinpoint() {
        // 300x900 (h x w) has the 1:3 aspect of [336, 1008], which keeps all 270000 pixels; the other
        // pinpoints keep at most 672 x 224 = 150528.
        assertArrayEquals(new int[] {336, 1008}, AnyResolution.selectBestResolution(300, 900, LLAVA_NEXT_PINPOINTS));
    }

    @Test
    void tallImageCropsColumns() {
        // original 70x40 in a 4x4 grid: scale 4/70, width int(round(40·4/70, 7)) = 2, padding (4 − 2) // 2 = 1.
        assertArrayEquals(new int[] {0, 4, 1, 3}, AnyResolution.unpaddedRegion(4, 4, 70, 40));
    }

    @Test
    void scaledSideRoundsBeforeTruncating() {
        // 47 · (48 / 752) is 2.9999999999999996 in double; round(·, 7) gives 3, so padding (48 − 3) // 2 = 22.
        assertArrayEquals(new int[] {22, 26, 0, 48}, AnyResolution.unpaddedRegion(48, 48, 47, 752));
    }

    @Test
    void emptyPinpointsAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> AnyResolution.selectBestResolution(10, 10, new int[0][]));

        assertTrue(error.getMessage().contains("image_grid_pinpoints"), error.getMessage());
    }

    @Test
    void nonPositiveSizeIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> AnyResolution.tileCount(0, 10, LLAVA_NEXT_PINPOINTS, 336));

        assertTrue(error.getMessage().contains("height 0"), error.getMessage());
    }

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void chosenPinpointKeepsMostPixels(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int height = 1 + random.nextInt(2000);
        int width = 1 + random.nextInt(2000);

        int[] best = AnyResolution.selectBestResolution(height, width, LLAVA_NEXT_PINPOINTS);

        long bestKept = kept(best, height, width);
        for (int[] pinpoint : LLAVA_NEXT_PINPOINTS) {
            assertTrue(kept(pinpoint, height, width) <= bestKept, "seed " + seed + ": " + height + "x" + width);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void unpaddedRegionIsCenteredInsideGrid(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int height = 1 + random.nextInt(2000);
        int width = 1 + random.nextInt(2000);
        int[] grid = AnyResolution.gridShape(height, width, LLAVA_NEXT_PINPOINTS, 336);
        int rows = grid[0] * 24;
        int columns = grid[1] * 24;

        int[] region = AnyResolution.unpaddedRegion(rows, columns, height, width);

        // An extreme aspect ratio (1x1087) scales one side below one feature, leaving an empty
        // region, as transformers does.
        String label = "seed " + seed + ": " + height + "x" + width;
        assertTrue(region[0] >= 0, label);
        assertTrue(region[1] <= rows, label);
        assertTrue(region[0] <= region[1], label);
        assertTrue(region[2] >= 0, label);
        assertTrue(region[3] <= columns, label);
        assertTrue(region[2] <= region[3], label);
        assertEquals(region[0], rows - region[1], label);
        assertEquals(region[2], columns - region[3], label);
    }

    /** Pixels kept by a pinpoint: the aspect-preserving downscale, capped at the original count. */
    private static long kept(int[] pinpoint, int height, int width) {
        double scale = Math.min((double) pinpoint[1] / width, (double) pinpoint[0] / height);
        return Math.min((long) (width * scale) * (long) (height * scale), (long) width * height);
    }
}
