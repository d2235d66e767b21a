package org.lens4j.models.pixtral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.Capture;
import org.lens4j.core.capture.CaptureResult;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.capture.TokenType;
import org.lens4j.core.pool.PoolingSpec;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.Lens;
import org.lens4j.models.LensModel;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.ModelAdapter;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.testing.Goldens;
import org.lens4j.models.testing.Parity;
import org.lens4j.models.testing.RecordingHooks;
import org.nd4j.linalg.indexing.NDArrayIndex;

class PixtralAdapterTest {

    /** The golden's [IMG], [IMG_BREAK] and [IMG_END] ids. */
    private static final long IMG = 99;
    private static final long BREAK = 97;
    private static final long END = 96;
    private static final String LAST_VISION_LAYER = "vision_tower.transformer.layers.1";

    private final PixtralAdapter adapter = new PixtralAdapter();
    private NDManager manager;

    @TempDir
    Path temp;

    @BeforeEach
    void openManager() {
        manager = LensRuntime.newManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void serviceLoaderFindsAdapter() {
        List<String> ids = ServiceLoader.load(ModelAdapter.class).stream().map(p -> p.get().id()).toList();

        assertTrue(ids.contains("pixtral"), ids.toString());
    }

    @Test
    void acceptsBothLayoutsOnly() {
        assertTrue(adapter.accepts(golden()));
        assertTrue(adapter.accepts(PixtralModuleListTest.pixtral12bParams()));
        assertFalse(adapter.accepts(ModelConfig.read(SharedData.golden("blip2-single"))));
        assertFalse(adapter.accepts(ModelConfig.read(SharedData.golden("llava-single"))));
    }

    @Test
    void processorIsUnsupportedNamingFamily() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> adapter.processor(SharedData.golden(PixtralGoldenParityTest.CASE)));

        assertTrue(e.getMessage().contains("pixtral"), e.getMessage());
    }

    @Test
    void randomSeedOptionSkipsWeights() {
        try (HookedModel model = adapter.load(SharedData.golden(PixtralGoldenParityTest.CASE), new LoadOptions(5L))) {
            assertEquals("random weights, seed 5", model.modelId());
            assertEquals("pixtral", model.familyId());
        }
    }

    @Test
    void imageRowsAndMarkersAreTyped() {
        try (LensModel model = open()) {
            Capture capture = model.capture("language_model.model.norm").pooling(PoolingSpec.NONE).run(goldenInputs())
                    .capture("language_model.model.norm");

            TokenType[] types = capture.tokenTypes()[0];
            long[] ids = goldenInputs().require(ModelInputs.INPUT_IDS).toLongArray();
            for (int i = 0; i < ids.length; i++) {
                TokenType expected = ids[i] == IMG ? TokenType.IMAGE
                        : ids[i] == BREAK || ids[i] == END || ids[i] == 1 ? TokenType.SPECIAL : TokenType.TEXT;
                assertEquals(expected, types[i], "position " + i + ", id " + ids[i]);
            }
        }
    }

    @Test
    void missingImageTokenIsRejected() {
        ModelInputs golden = goldenInputs();
        long[] ids = golden.require(ModelInputs.INPUT_IDS).toLongArray();
        ids[2] = 5;
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put(ModelInputs.INPUT_IDS, manager.create(ids, new Shape(1, ids.length)));
        tensors.put(ModelInputs.PIXEL_VALUES, golden.require(ModelInputs.PIXEL_VALUES));

        try (LensModel model = open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.capture("language_model.lm_head").run(ModelInputs.of(tensors)));

            assertTrue(e.getMessage().contains("11 image tokens"), e.getMessage());
            assertTrue(e.getMessage().contains("12 features"), e.getMessage());
        }
    }

    @Test
    void textOnlyInputSkipsVision() {
        long[] ids = {1, 5, 6, 7};
        ModelInputs text = ModelInputs.of(Map.of(ModelInputs.INPUT_IDS, manager.create(ids, new Shape(1, 4))));

        try (LensModel model = open()) {
            CaptureResult result = model.capture("vision_tower", "language_model.model.layers.1").run(text);

            assertEquals(List.of("vision_tower"), result.notCalled());
            assertArrayEquals(new long[] {1, 4, 48}, result.capture("language_model.model.layers.1").shape());
        }
    }

    /** An image in the top-left corner of a larger padded slot gives the golden activations. */
    @Test
    void paddedSlotIsCroppedToImageSize() {
        ModelInputs golden = goldenInputs();
        NDArray pixels = manager.zeros(new Shape(1, 3, 56, 70));
        pixels.set(new NDIndex(":, :, :42, :56"), golden.require(ModelInputs.PIXEL_VALUES));
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put(ModelInputs.INPUT_IDS, golden.require(ModelInputs.INPUT_IDS));
        tensors.put(ModelInputs.PIXEL_VALUES, pixels);
        tensors.put("image_sizes", manager.create(new long[] {42, 56}, new Shape(1, 2)));
        Map<String, RecordingHooks.Tensor> expected = Goldens.activations(SharedData.golden(PixtralGoldenParityTest.CASE));

        try (LensModel model = open()) {
            CaptureResult result = model.capture(LAST_VISION_LAYER, "language_model.lm_head")
                    .pooling(PoolingSpec.NONE).run(ModelInputs.of(tensors));

            assertArrayEquals(new long[] {1, 32, 4, 5}, model.capture("vision_tower.patch_conv")
                    .run(ModelInputs.of(tensors)).capture("vision_tower.patch_conv").shape());
            for (String module : List.of(LAST_VISION_LAYER, "language_model.lm_head")) {
                PixtralGoldenParityTest.compare(module, result.capture(module), expected.get(module));
            }
        }
    }

    /** Attention stays within each image, so adding a second image leaves the first one's rows unchanged. */
    @Test
    void secondImageLeavesFirstUnchanged() {
        ModelInputs golden = goldenInputs();
        NDArray first = golden.require(ModelInputs.PIXEL_VALUES);
        NDArray second = first.flip(3);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put(ModelInputs.INPUT_IDS, manager.create(twoImageIds(), new Shape(1, twoImageIds().length)));
        tensors.put(ModelInputs.PIXEL_VALUES, first.concat(second, 0));
        tensors.put("image_sizes", manager.create(new long[] {42, 56, 28, 28}, new Shape(2, 2)));
        RecordingHooks.Tensor alone = Goldens.activations(SharedData.golden(PixtralGoldenParityTest.CASE))
                .get(LAST_VISION_LAYER);

        try (LensModel model = open()) {
            CaptureResult result = model.capture(LAST_VISION_LAYER, "language_model.lm_head")
                    .pooling(PoolingSpec.NONE).run(ModelInputs.of(tensors));
            Capture both = result.capture(LAST_VISION_LAYER);

            assertArrayEquals(new long[] {1, 16, 32}, both.shape());
            float[] firstImage = both.data().get(NDArrayIndex.all(), NDArrayIndex.interval(0, 12), NDArrayIndex.all())
                    .dup().data().asFloat();
            double error = Parity.relativeError(firstImage, alone.values(), null);
            assertTrue(error <= PixtralGoldenParityTest.TOLERANCE, () -> "relative error " + error + "; "
                    + Parity.firstMismatch(LAST_VISION_LAYER, alone.shape(), firstImage, alone.values(), null));
        }
    }

    @Test
    void paramsFolderReadsAsConfig() throws IOException {
        Files.writeString(temp.resolve("params.json"), PixtralModuleListTest.pixtral12bParams().json().toString());

        ModelConfig config = ModelConfig.read(temp);

        assertEquals(5120, config.getInt("dim", 0));
        assertEquals(782, Lens.listModules(temp).names().size());
    }

    /** Returns ids for the golden image (3 x 4 patches) then a 2 x 2-patch image, each in Pixtral's layout. */
    static long[] twoImageIds() {
        List<Long> ids = new ArrayList<>(List.of(1L, 5L));
        appendImage(ids, 3, 4);
        appendImage(ids, 2, 2);
        ids.add(6L);
        long[] out = new long[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.get(i);
        }
        return out;
    }

    private static void appendImage(List<Long> ids, int rows, int columns) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                ids.add(IMG);
            }
            ids.add(r == rows - 1 ? END : BREAK);
        }
    }

    private LensModel open() {
        return PixtralGoldenParityTest.openGolden();
    }

    private ModelInputs goldenInputs() {
        return Goldens.inputs(SharedData.golden(PixtralGoldenParityTest.CASE), manager);
    }

    private static ModelConfig golden() {
        return ModelConfig.read(SharedData.golden(PixtralGoldenParityTest.CASE));
    }
}
