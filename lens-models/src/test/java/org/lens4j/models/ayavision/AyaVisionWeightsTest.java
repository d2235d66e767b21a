package org.lens4j.models.ayavision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.checkpoint.Checkpoint;
import org.lens4j.core.checkpoint.SafetensorsCheckpoint;
import org.lens4j.core.checkpoint.SafetensorsWriter;
import org.lens4j.core.checkpoint.TensorData;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.testing.GoldenInputs;
import org.lens4j.models.testing.GoldenParity;
import org.lens4j.models.testing.OutputRecorder;

class AyaVisionWeightsTest {

    /** Relative L2 bound on the logits; the golden case measures below 1e-6. */
    static final double TOLERANCE = 1e-4;

    private static final Path GOLDEN = SharedData.golden("aya_vision-single");
    private static final String LOGITS = "language_model.lm_head";

    @TempDir
    Path folder;

    @Test
    void newLayoutCheckpointLoads() throws IOException {
        writeCase(AyaVisionWeightsTest::renamedToNewLayout);

        float[] logits = logits(folder, LoadOptions.defaults());

        try (Checkpoint golden = SafetensorsCheckpoint.open(GOLDEN.resolve("activations.safetensors"))) {
            double error = GoldenParity.relativeError(logits, golden.readFloats(LOGITS));
            assertTrue(error <= TOLERANCE, "relative error " + error);
        }
    }

    @Test
    void tiedHeadReusesEmbedding() {
        try (Checkpoint weights = SafetensorsCheckpoint.open(GOLDEN)) {
            assertFalse(weights.contains(LOGITS + ".weight"), "the golden checkpoint stores no lm_head");
        }

        float[] logits = logits(GOLDEN, LoadOptions.defaults());

        // Expected: the golden final hidden states times the transposed embedding matrix.
        try (Checkpoint golden = SafetensorsCheckpoint.open(GOLDEN.resolve("activations.safetensors"));
                Checkpoint weights = SafetensorsCheckpoint.open(GOLDEN)) {
            float[] hidden = golden.readFloats("language_model.model");
            float[] embedding = weights.readFloats("language_model.model.embed_tokens.weight");
            int width = (int) golden.info("language_model.model").shape()[2];
            int vocab = embedding.length / width;
            float[] expected = new float[hidden.length / width * vocab];
            for (int position = 0; position < hidden.length / width; position++) {
                for (int token = 0; token < vocab; token++) {
                    double sum = 0;
                    for (int k = 0; k < width; k++) {
                        sum += (double) hidden[position * width + k] * embedding[token * width + k];
                    }
                    expected[position * vocab + token] = (float) sum;
                }
            }
            double error = GoldenParity.relativeError(logits, expected);
            assertTrue(error <= TOLERANCE, "relative error " + error);
        }
    }

    @Test
    void randomWeightsAreSeeded() {
        float[] first = logits(GOLDEN, new LoadOptions(7L));
        float[] again = logits(GOLDEN, new LoadOptions(7L));
        float[] other = logits(GOLDEN, new LoadOptions(8L));

        assertArrayEquals(first, again);
        assertFalse(Arrays.equals(first, other));
    }

    private static float[] logits(Path modelFolder, LoadOptions options) {
        try (NDManager manager = LensRuntime.newManager();
                HookedModel model = new AyaVisionAdapter().load(modelFolder, options)) {
            OutputRecorder hooks = new OutputRecorder();
            model.forward(GoldenInputs.read(GOLDEN, manager), hooks);
            return hooks.outputs().get(LOGITS).get(0).values();
        }
    }

    /** Copies the golden case, renaming (or dropping, on {@code null}) tensors. */
    private void writeCase(UnaryOperator<String> rename) throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        try (SafetensorsCheckpoint weights = SafetensorsCheckpoint.open(GOLDEN)) {
            for (String name : weights.names()) {
                String target = rename.apply(name);
                if (target != null) {
                    tensors.put(target, TensorData.of(weights.info(name).dtype(), weights.info(name).shape(),
                            weights.readRaw(name)));
                }
            }
        }
        SafetensorsWriter.write(folder.resolve("model.safetensors"), tensors);
        Files.copy(GOLDEN.resolve("config.json"), folder.resolve("config.json"));
    }

    /** Spells a parameter as checkpoints saved by transformers 4.52 and later do. */
    private static String renamedToNewLayout(String name) {
        if (name.startsWith("language_model.model.")) {
            return "model.language_model." + name.substring("language_model.model.".length());
        }
        if (name.startsWith("language_model.lm_head.")) {
            return name.substring("language_model.".length());
        }
        return "model." + name;
    }
}
