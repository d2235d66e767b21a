package org.lens4j.models.paligemma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.Capture;
import org.lens4j.core.capture.CaptureResult;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.capture.TokenType;
import org.lens4j.core.checkpoint.SafetensorsCheckpoint;
import org.lens4j.core.checkpoint.SafetensorsWriter;
import org.lens4j.core.checkpoint.TensorData;
import org.lens4j.models.Lens;
import org.lens4j.models.LensModel;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.testing.GoldenParity;
import org.lens4j.models.testing.RecordingHooks;
import org.lens4j.models.testing.Goldens;

/** PaliGemma's forward pass on other checkpoints and inputs: new-layout weights, random weights, guards. */
class PaliGemmaForwardTest {

    private static final Path CASE = PaliGemmaGoldenParityTest.CASE;
    private static final long IMAGE_TOKEN = 99;
    private static final List<String> MODULES_CHECKED = List.of(
            "vision_tower.vision_model.head", "multi_modal_projector.linear", "language_model.lm_head");

    @TempDir
    Path folder;

    @Test
    void newLayoutCheckpointLoads() throws IOException {
        writeNewLayoutCopy(folder);
        Map<String, RecordingHooks.Tensor> references = Goldens.activations(CASE);
        try (NDManager manager = LensRuntime.newManager();
                LensModel model = Lens.open(folder)) {
            CaptureResult result = model.capture(MODULES_CHECKED).run(Goldens.inputs(CASE, manager));

            for (String module : MODULES_CHECKED) {
                float[] actual = result.get(module).data().asFloat();
                double error = GoldenParity.relativeError(actual, references.get(module).values());
                assertTrue(error <= PaliGemmaGoldenParityTest.TOLERANCE, module + ": relative error " + error);
            }
        }
    }

    @Test
    void randomWeightsKeepShapesAndChangeValues() {
        try (NDManager manager = LensRuntime.newManager();
                LensModel trained = Lens.open(CASE);
                LensModel random = Lens.open(CASE, new LoadOptions(7L))) {
            ModelInputs inputs = Goldens.inputs(CASE, manager);
            Capture expected = trained.capture("language_model.model.norm").run(inputs).capture("language_model.model.norm");
            Capture actual = random.capture("language_model.model.norm").run(inputs).capture("language_model.model.norm");

            assertArrayEquals(expected.shape(), actual.shape());
            assertTrue(GoldenParity.relativeError(actual.data().data().asFloat(), expected.data().data().asFloat()) > 0.1);
            assertTrue(random.modelId().contains("seed 7"), random.modelId());
        }
    }

    @Test
    void tokenTypesMarkImageBosAndText() {
        try (NDManager manager = LensRuntime.newManager();
                LensModel model = Lens.open(CASE)) {
            Capture capture = model.capture("language_model.model.norm").run(Goldens.inputs(CASE, manager))
                    .capture("language_model.model.norm");

            // input_ids: 4 × <image> (99), <bos> (2), 5, 6, 7, "\n" (108)
            TokenType[] types = capture.tokenTypes()[0];
            assertEquals(TokenType.IMAGE, types[0]);
            assertEquals(TokenType.IMAGE, types[3]);
            assertEquals(TokenType.SPECIAL, types[4]);
            assertEquals(TokenType.TEXT, types[5]);
            assertEquals(TokenType.TEXT, types[8]);
        }
    }

    @Test
    void imageTokensWithoutPixelsAreRejected() {
        try (NDManager manager = LensRuntime.newManager();
                LensModel model = Lens.open(CASE)) {
            ModelInputs inputs = ModelInputs.of(Map.of(ModelInputs.INPUT_IDS,
                    manager.create(new long[][] {{IMAGE_TOKEN, 2, 5}})));

            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> model.capture("language_model.model.norm").run(inputs));

            assertTrue(error.getMessage().contains("no pixel_values"), error.getMessage());
        }
    }

    @Test
    void imageTokenCountMustFitImages() {
        try (NDManager manager = LensRuntime.newManager();
                LensModel model = Lens.open(CASE)) {
            ModelInputs golden = Goldens.inputs(CASE, manager);
            ModelInputs inputs = ModelInputs.of(Map.of(
                    ModelInputs.INPUT_IDS, manager.create(new long[][] {{IMAGE_TOKEN, IMAGE_TOKEN, 2, 5}}),
                    ModelInputs.PIXEL_VALUES, golden.require(ModelInputs.PIXEL_VALUES)));

            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> model.capture("language_model.model.norm").run(inputs));

            assertTrue(error.getMessage().contains("not a multiple of the 4 tokens per image"), error.getMessage());
        }
    }

    @Test
    void textOnlyInputLeavesVisionNotCalled() {
        try (NDManager manager = LensRuntime.newManager();
                LensModel model = Lens.open(CASE)) {
            ModelInputs inputs = ModelInputs.of(Map.of(ModelInputs.INPUT_IDS,
                    manager.create(new long[][] {{2, 5, 6, 108}})));

            CaptureResult result = model.capture("vision_tower", "language_model.model.norm").run(inputs);

            assertEquals(List.of("vision_tower"), result.notCalled());
            assertArrayEquals(new long[] {1, 4, 48}, result.capture("language_model.model.norm").shape());
        }
    }

    @Test
    void imageSizeMustGiveLearnedPositions() {
        try (NDManager manager = LensRuntime.newManager();
                LensModel model = Lens.open(CASE)) {
            NDArray pixels = manager.zeros(new ai.djl.ndarray.types.Shape(1, 3, 42, 42));
            ModelInputs inputs = ModelInputs.of(Map.of(
                    ModelInputs.INPUT_IDS, manager.create(new long[][] {{99, 99, 99, 99, 2, 5}}),
                    ModelInputs.PIXEL_VALUES, pixels));

            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> model.capture("language_model.model.norm").run(inputs));

            assertTrue(error.getMessage().contains("resize the images to 28×28"), error.getMessage());
        }
    }

    /** Copies the golden checkpoint with every parameter renamed to the transformers ≥ 4.52 layout. */
    private static void writeNewLayoutCopy(Path target) throws IOException {
        Files.copy(CASE.resolve("config.json"), target.resolve("config.json"));
        Map<String, TensorData> renamed = new LinkedHashMap<>();
        try (SafetensorsCheckpoint source = SafetensorsCheckpoint.open(CASE)) {
            for (String name : source.names()) {
                String newName = name.replaceFirst("^vision_tower\\.", "model.vision_tower.")
                        .replaceFirst("^multi_modal_projector\\.", "model.multi_modal_projector.")
                        .replaceFirst("^language_model\\.model\\.", "model.language_model.");
                var info = source.info(name);
                renamed.put(newName, TensorData.of(info.dtype(), info.shape(), source.readRaw(name)));
            }
        }
        SafetensorsWriter.write(target.resolve("model.safetensors"), renamed);
    }
}
