package org.lens4j.models.llavanext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
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
import org.lens4j.models.ModelConfig;
import org.lens4j.models.testing.GoldenInputs;
import org.lens4j.models.testing.GoldenParity;
import org.lens4j.models.testing.OutputRecorder;

class LlavaNextWeightsTest {

    /** Relative L2 bound on the logits; the golden case measures 1.2e-6 at worst. */
    static final double TOLERANCE = 1e-4;

    private static final Path GOLDEN = SharedData.golden("llava_next-single");
    private static final String LOGITS = "language_model.lm_head";

    @TempDir
    Path folder;

    @Test
    void newLayoutCheckpointLoads() throws IOException {
        writeCase(name -> renamedToNewLayout(name), config -> config);

        float[] logits = logits(folder, LoadOptions.defaults());

        try (Checkpoint golden = SafetensorsCheckpoint.open(GOLDEN.resolve("activations.safetensors"))) {
            double error = GoldenParity.relativeError(logits, golden.readFloats(LOGITS));
            assertTrue(error <= TOLERANCE, "relative error " + error);
        }
    }

    @Test
    void tiedHeadReusesEmbedding() throws IOException {
        writeCase(name -> name.equals(LOGITS + ".weight") ? null : name, config -> {
            config.getAsJsonObject("text_config").addProperty("tie_word_embeddings", true);
            return config;
        });

        float[] logits = logits(folder, LoadOptions.defaults());

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
    void missingUntiedHeadIsRejected() throws IOException {
        writeCase(name -> name.equals(LOGITS + ".weight") ? null : name, config -> config);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new LlavaNextAdapter().load(folder, LoadOptions.defaults()).close());

        assertTrue(error.getMessage().contains("language_model.lm_head.weight"), error.getMessage());
        assertTrue(error.getMessage().contains("also tried [lm_head.weight]"), error.getMessage());
    }

    @Test
    void randomWeightsAreSeeded() {
        float[] first = logits(GOLDEN, new LoadOptions(7L));
        float[] again = logits(GOLDEN, new LoadOptions(7L));
        float[] other = logits(GOLDEN, new LoadOptions(8L));
        float[] trained = logits(GOLDEN, LoadOptions.defaults());

        assertArrayEquals(first, again);
        assertFalse(Arrays.equals(first, other));
        assertFalse(Arrays.equals(first, trained));
    }

    private static float[] logits(Path modelFolder, LoadOptions options) {
        try (NDManager manager = LensRuntime.newManager();
                HookedModel model = new LlavaNextAdapter().load(modelFolder, options)) {
            OutputRecorder hooks = new OutputRecorder();
            model.forward(GoldenInputs.read(GOLDEN, manager), hooks);
            return hooks.outputs().get(LOGITS).get(0).values();
        }
    }

    /** Copies the golden case, renaming (or dropping, on {@code null}) tensors and editing the config. */
    private void writeCase(UnaryOperator<String> rename, UnaryOperator<JsonObject> editConfig) throws IOException {
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
        JsonObject config = editConfig.apply(ModelConfig.read(GOLDEN).json());
        Files.writeString(folder.resolve("config.json"), config.toString());
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
