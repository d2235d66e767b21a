package org.lens4j.models.pixtral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.CaptureResult;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.pool.Pooling;
import org.lens4j.core.pool.PoolingSpec;
import org.lens4j.core.pool.TokenSubset;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.Lens;
import org.lens4j.models.LensModel;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.testing.Goldens;
import org.lens4j.models.testing.Parity;
import org.lens4j.models.testing.RecordingHooks;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The mistral_inference layout against the transformers golden: the golden checkpoint converted
 * back to {@code consolidated.safetensors} and {@code params.json} (names renamed, query and key
 * rows un-permuted) must reproduce every recorded activation under the mistral module names, with
 * query and key features in interleaved order and the vision side packed without a batch
 * dimension.
 */
class PixtralMistralLayoutTest {

    /** Transformers modules with no module of their own in mistral_inference. */
    private static final Set<String> WITHOUT_COUNTERPART = Set.of("vision_tower.patch_positional_embedding",
            "vision_tower.transformer.layers.0.feed_forward.act_fn",
            "vision_tower.transformer.layers.1.feed_forward.act_fn", "language_model.model.rotary_emb",
            "language_model.model.layers.0.mlp.act_fn", "language_model.model.layers.1.mlp.act_fn",
            "language_model.model");

    @TempDir
    static Path folder;

    private static ModelConfig hfConfig;

    @BeforeAll
    static void convertGolden() throws IOException {
        Path golden = SharedData.golden(PixtralGoldenParityTest.CASE);
        hfConfig = ModelConfig.read(golden);
        MistralLayout.convert(golden, folder);
    }

    @Test
    void everyMappedModuleMatchesGolden() {
        Map<String, RecordingHooks.Tensor> golden = Goldens.activations(SharedData.golden(PixtralGoldenParityTest.CASE));

        try (LensModel model = Lens.open(folder); NDManager manager = LensRuntime.newManager()) {
            List<String> modules = mappedModules(model.modules(), golden.keySet());
            CaptureResult result = model.capture(modules).pooling(PoolingSpec.NONE)
                    .run(Goldens.inputs(SharedData.golden(PixtralGoldenParityTest.CASE), manager));

            String worst = "";
            double worstError = 0;
            for (String module : modules) {
                RecordingHooks.Tensor expected = expected(module, golden.get(MistralLayout.huggingFaceModule(module)));
                double error = PixtralGoldenParityTest.compare(module, result.capture(module), expected);
                if (error >= worstError) {
                    worst = module;
                    worstError = error;
                }
            }
            System.out.printf("pixtral mistral layout: %d modules, worst %s with relative error %.3e%n",
                    modules.size(), worst, worstError);
        }
    }

    @Test
    void everyGoldenModuleHasCounterpart() {
        Set<String> golden = new TreeSet<>(Goldens.activations(SharedData.golden(PixtralGoldenParityTest.CASE)).keySet());

        try (LensModel model = Lens.open(folder)) {
            for (String module : mappedModules(model.modules(), golden)) {
                golden.remove(MistralLayout.huggingFaceModule(module));
            }
        }

        assertEquals(new TreeSet<>(WITHOUT_COUNTERPART), golden);
    }

    @Test
    void folderLoadsAsMistralLayout() {
        try (LensModel model = Lens.open(folder)) {
            assertEquals("pixtral", model.familyId());
            assertTrue(model.modules().find("vision_encoder.transformer.layers.1.attention.wq").isPresent());
            assertTrue(model.modules().find("vision_language_adapter.gelu").isPresent());
            assertTrue(model.modules().aliases().isEmpty());
        }
    }

    /**
     * mistral_inference runs the patch convolution once per image and packs the vision side into
     * one sequence. With two images, the first image's rows equal the golden and mean pooling
     * gives one row per image.
     */
    @Test
    void twoImagesConvolveSeparately() {
        String layer = "vision_encoder.transformer.layers.1";
        try (LensModel model = Lens.open(folder); NDManager manager = LensRuntime.newManager()) {
            NDArray first = Goldens.inputs(SharedData.golden(PixtralGoldenParityTest.CASE), manager)
                    .require(ModelInputs.PIXEL_VALUES);
            long[] ids = PixtralAdapterTest.twoImageIds();
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            tensors.put(ModelInputs.INPUT_IDS, manager.create(ids, new Shape(1, ids.length)));
            tensors.put(ModelInputs.PIXEL_VALUES, first.concat(first.flip(3), 0));
            tensors.put("image_sizes", manager.create(new long[] {42, 56, 28, 28}, new Shape(2, 2)));
            ModelInputs inputs = ModelInputs.of(tensors);

            CaptureResult raw = model.capture("vision_encoder.patch_conv", layer).pooling(PoolingSpec.NONE).run(inputs);
            CaptureResult pooled = model.capture(layer).pooling(Pooling.MEAN, TokenSubset.ALL).run(inputs);

            assertArrayEquals(new long[] {1, 32, 3, 4}, raw.capture("vision_encoder.patch_conv", 0).shape());
            assertArrayEquals(new long[] {1, 32, 2, 2}, raw.capture("vision_encoder.patch_conv", 1).shape());
            assertArrayEquals(new long[] {16, 32}, raw.capture(layer).shape());
            assertArrayEquals(new int[][] {{0, 12}, {12, 16}}, raw.capture(layer).imageRanges());
            assertArrayEquals(new long[] {2, 32}, pooled.capture(layer).data().shape());
            float[] firstImage = raw.get(layer).get(NDArrayIndex.interval(0, 12), NDArrayIndex.all()).dup().data()
                    .asFloat();
            RecordingHooks.Tensor alone = Goldens.activations(SharedData.golden(PixtralGoldenParityTest.CASE))
                    .get("vision_tower.transformer.layers.1");
            assertTrue(Parity.relativeError(firstImage, alone.values(), null) <= PixtralGoldenParityTest.TOLERANCE);
        }
    }

    /** Returns the runnable modules of the tree that have a recorded transformers counterpart, in tree order. */
    private static List<String> mappedModules(ModuleTree tree, Set<String> recorded) {
        List<String> out = new ArrayList<>();
        for (String name : tree.names()) {
            String counterpart = MistralLayout.huggingFaceModule(name);
            if (!name.isEmpty() && tree.find(name).orElseThrow().runs() && counterpart != null
                    && recorded.contains(counterpart)) {
                out.add(name);
            }
        }
        return out;
    }

    /**
     * Returns the golden tensor as the mistral module reports it: query and key features
     * interleaved per head, and the vision side without the leading batch dimension (except the
     * patch convolution, which mistral_inference runs on a batch of one image).
     */
    private static RecordingHooks.Tensor expected(String module, RecordingHooks.Tensor golden) {
        long[] shape = golden.shape();
        float[] values = golden.values();
        int heads = MistralLayout.permutedHeads(module, hfConfig);
        if (heads > 0) {
            values = MistralLayout.interleave(values, (int) shape[shape.length - 1], heads);
        }
        boolean packed = (module.startsWith("vision_encoder") || module.startsWith("vision_language_adapter"))
                && !module.equals("vision_encoder.patch_conv");
        return new RecordingHooks.Tensor(values, packed ? Arrays.copyOfRange(shape, 1, shape.length) : shape);
    }
}
