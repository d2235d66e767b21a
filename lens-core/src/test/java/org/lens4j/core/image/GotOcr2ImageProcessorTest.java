package org.lens4j.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GotOcr2ImageProcessorTest {

    private static final int[] RED = {255, 0, 0};
    private static final int[] BLUE = {0, 0, 255};
    private static final int[] ORANGE = {250, 120, 10};
    private static final ImageSize TILE_448 = new ImageSize(448, 448);

    /** InternVL's defaults: 448-pixel tiles, 1 to 12 of them, thumbnail on. */
    private static final GotOcr2ImageProcessor INTERNVL = GotOcr2ImageProcessor.dynamicTiling(448, 1, 12, true);

    @Test
    void squareImageIsOneTile() {
        // 500x500: ratio 1; 1x1 is exact first. 2x2 and 3x3 tie but 250000 <= 0.5 * 448² * 4 = 401408.
        ProcessedImage out = INTERNVL.process(RgbImage.filled(500, 500, ORANGE));

        assertArrayEquals(new long[] {1, 3, 448, 448}, out.shape());
    }

    @Test
    void largeSquareTakesLargerTiedGrid() {
        // 1000x1000 = 1e6 > 401408 (2x2) and > 0.5 * 448² * 9 = 903168 (3x3); 4x4 exceeds 12 tiles.
        assertEquals(new TileGrid(3, 3), TileGrid.closest(1000, 1000, TILE_448, 1, 12));
    }

    @Test
    void largeSquareGetsTenTiles() {
        assertEquals(10, INTERNVL.tileCount(1000, 1000));
    }

    @Test
    void twoToOneImageIsTwoColumns() {
        // 896x448: ratio 2 equals 2x1 exactly; 4x2 ties but 401408 <= 0.5 * 448² * 8 = 802816.
        assertEquals(new TileGrid(2, 1), TileGrid.closest(448, 896, TILE_448, 1, 12));
    }

    @Test
    void twoToOneTilesPrecedeThumbnail() {
        // Left half red, right half blue; the canvas is already 896x448, so the tiles are plain crops.
        RgbImage image = ImageOps.pad(RgbImage.filled(448, 448, RED), 0, 0, 0, 448, BLUE);

        List<RgbImage> tiles = INTERNVL.tileImages(image);

        assertEquals(3, tiles.size());
        assertEquals(255, tiles.get(0).sample(447, 0, 0), "first tile is the left half");
        assertEquals(255, tiles.get(1).sample(0, 447, 2), "second tile is the right half");
        // The thumbnail squeezes 896 columns into 448, so red stays on the left and blue on the right.
        assertEquals(255, tiles.get(2).sample(10, 200, 0), "thumbnail left");
        assertEquals(255, tiles.get(2).sample(437, 200, 2), "thumbnail right");
    }

    @Test
    void twoToOneImageOutputShape() {
        ProcessedImage out = INTERNVL.process(RgbImage.filled(200, 100, ORANGE));

        // 2x1 grid, 2 tiles + thumbnail.
        assertArrayEquals(new long[] {3, 3, 448, 448}, out.shape());
    }

    @Test
    void wideImageTakesThreeColumns() {
        // 1000x300: ratio 10/3. Differences: 3x1 -> 1/3, 6x2 -> 1/3 (tie, but 300000 <= 0.5 * 448² * 12),
        // 2x1 -> 4/3, 5x2 -> 5/6, 4x1 -> 2/3; so 3 columns by 1 row, not 1 by 3.
        assertEquals(new TileGrid(3, 1), TileGrid.closest(300, 1000, TILE_448, 1, 12));
    }

    @Test
    void tallImageTakesThreeRows() {
        // The transpose of the previous case: ratio 0.3, closest 1/3 (1x3); 0.5 (1x2) is farther.
        assertEquals(new TileGrid(1, 3), TileGrid.closest(1000, 300, TILE_448, 1, 12));
    }

    @Test
    void wideImageOutputShape() {
        // 3 tiles cut from a 1344x448 canvas, then the thumbnail.
        ProcessedImage out = INTERNVL.process(RgbImage.filled(1000, 300, ORANGE));

        assertArrayEquals(new long[] {4, 3, 448, 448}, out.shape());
    }

    @Test
    void maxOneTileResizesWholeImage() {
        GotOcr2ImageProcessor single = GotOcr2ImageProcessor.dynamicTiling(448, 1, 1, true);

        ProcessedImage out = single.process(RgbImage.filled(1000, 300, ORANGE));

        assertArrayEquals(new long[] {1, 3, 448, 448}, out.shape());
    }

    @Test
    void smallImageIsStillTiledByRatio() {
        // 100x50 is smaller than one tile, but ratio 2 matches 2x1 exactly and no earlier grid ties.
        assertEquals(3, INTERNVL.tileCount(50, 100));
    }

    @Test
    void smallSquareImageStaysOneTile() {
        // 100x100: 2x2 ties with 1x1 but 10000 <= 401408.
        assertEquals(1, INTERNVL.tileCount(100, 100));
    }

    @Test
    void smallImageTieKeepsFirstGrid() {
        // Only 1x2 (ratio 0.5) and 2x1 (ratio 2) have 2 tiles; 500x400 has ratio 1.25, 0.75 from both.
        // 1x2 is visited first; 2x1 would replace it only if 200000 > 0.5 * 448² * 2 = 200704.
        assertEquals(new TileGrid(1, 2), TileGrid.closest(400, 500, TILE_448, 2, 2));
    }

    @Test
    void largeImageTieTakesLaterGrid() {
        // 600x480: ratio 1.25 again, and 288000 > 200704, so the later 2x1 wins.
        assertEquals(new TileGrid(2, 1), TileGrid.closest(480, 600, TILE_448, 2, 2));
    }

    @Test
    void withoutThumbnailOnlyTilesRemain() {
        GotOcr2ImageProcessor noThumbnail = GotOcr2ImageProcessor.dynamicTiling(448, 1, 12, false);

        assertEquals(2, noThumbnail.tileCount(50, 100));
    }

    @Test
    void minAboveMaxIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> GotOcr2ImageProcessor.fromConfig(PreprocessorConfig.fromMap(Map.of(
                        "crop_to_patches", true, "min_patches", 5, "max_patches", 3))));

        assertTrue(error.getMessage().contains("min_patches=5"), error.getMessage());
        assertTrue(error.getMessage().contains("max_patches=3"), error.getMessage());
    }

    @Test
    void imageNetNormalisationIsApplied() {
        ProcessedImage out = INTERNVL.process(RgbImage.filled(64, 64, ORANGE));
        float[] values = out.pixelValues();
        int plane = 448 * 448;

        // A uniform image stays uniform after resizing; (u / 255 - mean) / std per channel.
        assertEquals(((float) (250 * Normalization.ONE_OVER_255) - (float) 0.485) / (float) 0.229, values[0]);
        assertEquals(((float) (120 * Normalization.ONE_OVER_255) - (float) 0.456) / (float) 0.224, values[plane]);
        assertEquals(((float) (10 * Normalization.ONE_OVER_255) - (float) 0.406) / (float) 0.225,
                values[2 * plane]);
    }

    @Test
    void ayaVisionConfigTilesAt364() {
        GotOcr2ImageProcessor aya = GotOcr2ImageProcessor.fromConfig(PreprocessorConfig.fromJson(
                "{\"image_processor_type\": \"GotOcr2ImageProcessor\", \"crop_to_patches\": true,"
                        + " \"min_patches\": 1, \"max_patches\": 12, \"size\": {\"height\": 364, \"width\": 364},"
                        + " \"image_mean\": [0.5, 0.5, 0.5], \"image_std\": [0.5, 0.5, 0.5], \"resample\": 3}"));

        ProcessedImage out = aya.process(RgbImage.filled(728, 364, ORANGE));

        // 728x364: ratio 2 -> 2x1; 4x2 ties but 264992 <= 0.5 * 364² * 8 = 529984. 2 tiles + thumbnail.
        assertArrayEquals(new long[] {3, 3, 364, 364}, out.shape());
    }

    @Test
    void defaultsDoNotTile() {
        // GotOcr2ImageProcessor's own default is crop_to_patches false, size 384.
        ProcessedImage out = GotOcr2ImageProcessor.withDefaults().process(RgbImage.filled(1000, 300, ORANGE));

        assertArrayEquals(new long[] {1, 3, 384, 384}, out.shape());
    }

    @Test
    void fastTypeMapsToThisProcessor() {
        ImageProcessor processor = ImageProcessors.fromConfig(PreprocessorConfig.fromMap(Map.of(
                "image_processor_type", "GotOcr2ImageProcessorFast")));

        assertInstanceOf(GotOcr2ImageProcessor.class, processor);
    }

    @Test
    void disabledResizeIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> GotOcr2ImageProcessor.fromConfig(PreprocessorConfig.fromMap(Map.of("do_resize", false))));

        assertTrue(error.getMessage().contains("do_resize"), error.getMessage());
    }
}
