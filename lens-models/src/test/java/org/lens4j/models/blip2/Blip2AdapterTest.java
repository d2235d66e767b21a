package org.lens4j.models.blip2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.lens4j.core.pool.Pooling;
import org.lens4j.core.pool.PoolingSpec;
import org.lens4j.core.pool.TokenSubset;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.Lens;
import org.lens4j.models.LensModel;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.ModelAdapter;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.testing.Goldens;
import org.lens4j.models.testing.RecordingHooks;

class Blip2AdapterTest {

    private static final String CASE = "blip2-single";
    /** An id the golden vocabulary (128) has and its prompt [2, 5, 6, 7] does not use. */
    private static final long IMAGE_TOKEN = 99;
    private static final int QUERIES = 4;

    private final Blip2Adapter adapter = new Blip2Adapter();
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

        assertTrue(ids.contains("blip2"), ids.toString());
    }

    @Test
    void acceptsOnlyBlip2Configs() {
        assertTrue(adapter.accepts(ModelConfig.read(SharedData.golden(CASE))));
        assertFalse(adapter.accepts(ModelConfig.read(SharedData.golden("pixtral-single"))));
    }

    @Test
    void flanT5LanguageModelIsRejected() {
        ModelConfig config = ModelConfig.parse(
                "{\"model_type\": \"blip-2\", \"text_config\": {\"model_type\": \"t5\"}}", "test");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adapter.listModules(config));

        assertTrue(e.getMessage().contains("'t5'"), e.getMessage());
        assertTrue(e.getMessage().contains("OPT"), e.getMessage());
    }

    @Test
    void processorIsUnsupportedNamingFamily() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> adapter.processor(SharedData.golden(CASE)));

        assertTrue(e.getMessage().contains("blip2"), e.getMessage());
    }

    @Test
    void randomSeedOptionSkipsWeights() {
        try (HookedModel model = adapter.load(SharedData.golden(CASE), new LoadOptions(11L))) {
            assertEquals("random weights, seed 11", model.modelId());
            assertEquals("blip2", model.familyId());
        }
    }

    @Test
    void sequenceStartsWithQueries() {
        try (LensModel model = Lens.open(SharedData.golden(CASE))) {
            CaptureResult result = model.capture("language_model.model.decoder.layers.0")
                    .pooling(PoolingSpec.NONE).run(Goldens.inputs(SharedData.golden(CASE), manager));
            Capture capture = result.capture("language_model.model.decoder.layers.0");

            TokenType[] expected = {TokenType.IMAGE, TokenType.IMAGE, TokenType.IMAGE, TokenType.IMAGE,
                TokenType.SPECIAL, TokenType.TEXT, TokenType.TEXT, TokenType.TEXT};
            assertArrayEquals(expected, capture.tokenTypes()[0]);
            assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1, 1, 1}, capture.attentionMask()[0]);
        }
    }

    /**
     * With {@code image_token_index} set, the queries replace the placeholders instead of being
     * prepended; placeholders first then the prompt is the same sequence, so the decoder matches
     * the golden.
     */
    @Test
    void imageTokenLayoutMatchesPrependedQueries() throws IOException {
        Path dir = copyGoldenWithImageToken();
        Map<String, RecordingHooks.Tensor> golden = Goldens.activations(SharedData.golden(CASE));
        List<String> modules = List.of("language_model.model.decoder.layers.1", "language_model.lm_head");

        try (LensModel model = Lens.open(dir)) {
            CaptureResult result = model.capture(modules).pooling(PoolingSpec.NONE).run(placeholderInputs());

            for (String module : modules) {
                Blip2GoldenParityTest.compare(module, result.capture(module), golden.get(module));
            }
            assertEquals(TokenType.IMAGE, result.capture(modules.get(0)).tokenTypes()[0][0]);
        }
    }

    @Test
    void wrongPlaceholderCountIsRejected() throws IOException {
        Path dir = copyGoldenWithImageToken();
        ModelInputs golden = Goldens.inputs(SharedData.golden(CASE), manager);

        try (LensModel model = Lens.open(dir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.capture("language_model.lm_head").run(golden));

            assertTrue(e.getMessage().contains("0 image tokens"), e.getMessage());
            assertTrue(e.getMessage().contains("4 query tokens"), e.getMessage());
        }
    }

    @Test
    void missingPixelValuesIsRejected() {
        ModelInputs golden = Goldens.inputs(SharedData.golden(CASE), manager);
        ModelInputs textOnly = ModelInputs.of(Map.of(ModelInputs.INPUT_IDS, golden.require(ModelInputs.INPUT_IDS)));

        try (LensModel model = Lens.open(SharedData.golden(CASE))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.capture("qformer").run(textOnly));

            assertTrue(e.getMessage().contains("pixel_values"), e.getMessage());
        }
    }

    @Test
    void wrongImageSizeIsRejected() {
        ModelInputs golden = Goldens.inputs(SharedData.golden(CASE), manager);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put(ModelInputs.INPUT_IDS, golden.require(ModelInputs.INPUT_IDS));
        tensors.put(ModelInputs.PIXEL_VALUES, manager.zeros(new Shape(1, 3, 56, 56)));

        try (LensModel model = Lens.open(SharedData.golden(CASE))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.capture("qformer").run(ModelInputs.of(tensors)));

            assertTrue(e.getMessage().contains("(1, 3, 56, 56)"), e.getMessage());
            assertTrue(e.getMessage().contains("28x28"), e.getMessage());
        }
    }

    /** The second call is [images, width], so pooling each image's one row gives that row back. */
    @Test
    void pooledSecondCallIsClassToken() {
        try (LensModel model = Lens.open(SharedData.golden(CASE))) {
            ModelInputs inputs = Goldens.inputs(SharedData.golden(CASE), manager);
            Capture raw = model.capture("vision_model.post_layernorm").pooling(PoolingSpec.NONE).run(inputs)
                    .capture("vision_model.post_layernorm", 1);
            Capture pooled = model.capture("vision_model.post_layernorm").pooling(Pooling.MEAN, TokenSubset.ALL)
                    .run(inputs).capture("vision_model.post_layernorm", 1);

            assertArrayEquals(new long[] {1, 32}, pooled.data().shape());
            assertEquals(raw.data(), pooled.data());
        }
    }

    /** Copies the golden into a temporary folder with {@code image_token_index} set. */
    private Path copyGoldenWithImageToken() throws IOException {
        Path golden = SharedData.golden(CASE);
        Files.copy(golden.resolve("model.safetensors"), temp.resolve("model.safetensors"));
        JsonObject config = ModelConfig.read(golden).json();
        config.addProperty("image_token_index", IMAGE_TOKEN);
        Files.writeString(temp.resolve("config.json"), config.toString());
        return temp;
    }

    private ModelInputs placeholderInputs() {
        ModelInputs golden = Goldens.inputs(SharedData.golden(CASE), manager);
        long[] text = golden.require(ModelInputs.INPUT_IDS).toLongArray();
        long[] ids = new long[QUERIES + text.length];
        for (int i = 0; i < QUERIES; i++) {
            ids[i] = IMAGE_TOKEN;
        }
        System.arraycopy(text, 0, ids, QUERIES, text.length);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put(ModelInputs.INPUT_IDS, manager.create(ids, new Shape(1, ids.length)));
        tensors.put(ModelInputs.PIXEL_VALUES, golden.require(ModelInputs.PIXEL_VALUES));
        return ModelInputs.of(tensors);
    }
}
