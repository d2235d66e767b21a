package org.lens4j.models.internvl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.CaptureResult;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.Lens;
import org.lens4j.models.LensModel;
import org.lens4j.models.testing.GoldenInputs;

class InternVLInputsTest {

    /** Identical computations on the kept tiles; only float reordering can differ. */
    private static final double FLAG_TOLERANCE = 1e-5;

    private static final long IMAGE_TOKEN = 99;
    private static final String LAST_LAYER = "language_model.model.layers.1";

    @TempDir
    Path temp;

    @Test
    void flaggedTileIsDropped() {
        Path folder = ChatGoldenFolder.create(ChatGoldenFolder.QWEN2_CASE, temp);
        try (NDManager manager = LensRuntime.newManager(); LensModel model = Lens.open(folder)) {
            ModelInputs golden = GoldenInputs.read(folder, manager);
            long[] ids = withoutImageTokens(golden.require(ModelInputs.INPUT_IDS).toLongArray(), 4);
            NDArray pixels = golden.require(ModelInputs.PIXEL_VALUES);

            CaptureResult flagged = model.capture(LAST_LAYER).run(inputs(manager, ids,
                    pixels, manager.create(new long[] {1, 1, 0}, new Shape(3, 1))));
            CaptureResult twoTiles = model.capture(LAST_LAYER).run(inputs(manager, ids,
                    pixels.get(new NDIndex("0:2")), null));

            float[] expected = twoTiles.get(LAST_LAYER).data().asFloat();
            float[] actual = flagged.get(LAST_LAYER).data().asFloat();
            assertEquals(expected.length, actual.length);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], FLAG_TOLERANCE * Math.max(1, Math.abs(expected[i])), "index " + i);
            }
        }
    }

    @Test
    void imageFlagsOfWrongLengthAreRejected() {
        Path folder = ChatGoldenFolder.create(ChatGoldenFolder.QWEN2_CASE, temp);
        try (NDManager manager = LensRuntime.newManager(); LensModel model = Lens.open(folder)) {
            ModelInputs golden = GoldenInputs.read(folder, manager);
            ModelInputs inputs = inputs(manager, golden.require(ModelInputs.INPUT_IDS).toLongArray(),
                    golden.require(ModelInputs.PIXEL_VALUES), manager.create(new long[] {1, 1}, new Shape(2, 1)));

            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> model.capture(LAST_LAYER).run(inputs));

            assertTrue(error.getMessage().contains("image_flags"), error.getMessage());
        }
    }

    @Test
    void imageTokenCountMustMatchFeatures() {
        Path folder = SharedData.golden("internvl-single");
        try (NDManager manager = LensRuntime.newManager(); LensModel model = Lens.open(folder)) {
            ModelInputs golden = GoldenInputs.read(folder, manager);
            long[] ids = golden.require(ModelInputs.INPUT_IDS).toLongArray();
            ids[1] = IMAGE_TOKEN;
            ModelInputs inputs = inputs(manager, ids, golden.require(ModelInputs.PIXEL_VALUES), null);

            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> model.capture(LAST_LAYER).run(inputs));

            assertTrue(error.getMessage().contains("2 image tokens"), error.getMessage());
            assertTrue(error.getMessage().contains("1 feature rows"), error.getMessage());
        }
    }

    @Test
    void largerTilesResizePositions() {
        Path folder = SharedData.golden("internvl-single");
        try (NDManager manager = LensRuntime.newManager(); LensModel model = Lens.open(folder)) {
            // 56 px tiles give a 4×4 patch grid (the table contains 2×2) and 2×2 = 4 image tokens.
            NDArray pixels = manager.randomNormal(new Shape(1, 3, 56, 56));
            long[] ids = {1, 5, 97, IMAGE_TOKEN, IMAGE_TOKEN, IMAGE_TOKEN, IMAGE_TOKEN, 96, 6};

            CaptureResult result = model.capture("vision_tower.embeddings", "multi_modal_projector")
                    .run(inputs(manager, ids, pixels, null));

            assertArrayEquals(new long[] {1, 17, 32}, result.capture("vision_tower.embeddings").shape());
            assertArrayEquals(new long[] {1, 4, 48}, result.capture("multi_modal_projector").shape());
        }
    }

    private static ModelInputs inputs(NDManager manager, long[] ids, NDArray pixels, NDArray flags) {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put(ModelInputs.INPUT_IDS, manager.create(ids, new Shape(1, ids.length)));
        tensors.put(ModelInputs.PIXEL_VALUES, pixels);
        if (flags != null) {
            tensors.put("image_flags", flags);
        }
        return ModelInputs.of(tensors);
    }

    /** Removes the last {@code count} image tokens. */
    private static long[] withoutImageTokens(long[] ids, int count) {
        long[] out = new long[ids.length - count];
        int removed = 0;
        int next = out.length - 1;
        for (int i = ids.length - 1; i >= 0; i--) {
            if (ids[i] == IMAGE_TOKEN && removed < count) {
                removed++;
            } else {
                out[next--] = ids[i];
            }
        }
        return Arrays.copyOf(out, out.length);
    }
}
