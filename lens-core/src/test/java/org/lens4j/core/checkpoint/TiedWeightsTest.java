package org.lens4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.core.LensRuntime;

class TiedWeightsTest {

    private static final String HEAD = "lm_head.weight";
    private static final String EMBEDDING = "model.embed_tokens.weight";
    private static final String NESTED_EMBEDDING = "language_model.model.embed_tokens.weight";

    @TempDir
    Path dir;

    private SafetensorsCheckpoint checkpoint(Map<String, float[]> tensors) throws IOException {
        Map<String, TensorData> data = new HashMap<>();
        tensors.forEach((name, values) -> data.put(name, TensorData.ofFloats(new long[] {2, values.length / 2}, values)));
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, data);
        return SafetensorsCheckpoint.open(file);
    }

    /** Runs {@code action} and returns what the logger printed to standard error meanwhile. */
    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tiedAbsentHeadUsesEmbedding() throws IOException {
        try (SafetensorsCheckpoint checkpoint = checkpoint(Map.of(EMBEDDING, new float[] {1, 2, 3, 4}))) {
            assertEquals(EMBEDDING, TiedWeights.resolveHeadName(checkpoint, HEAD, EMBEDDING, true));
        }
    }

    @Test
    void tiedAbsentHeadUsesNestedEmbedding() throws IOException {
        try (SafetensorsCheckpoint checkpoint = checkpoint(Map.of(NESTED_EMBEDDING, new float[] {1, 2, 3, 4}));
                NDManager manager = LensRuntime.newManager();
                NDArray head = TiedWeights.loadHead(manager, checkpoint, "language_model.lm_head.weight", NESTED_EMBEDDING, true)) {
            assertArrayEquals(new float[] {1, 2, 3, 4}, head.toFloatArray());
        }
    }

    @Test
    void untiedAbsentHeadRejected() throws IOException {
        try (SafetensorsCheckpoint checkpoint = checkpoint(Map.of(EMBEDDING, new float[] {1, 2, 3, 4}))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TiedWeights.resolveHeadName(checkpoint, HEAD, EMBEDDING, false));
            assertTrue(e.getMessage().contains("'" + HEAD + "' is missing"), e.getMessage());
            assertTrue(e.getMessage().contains("tie_word_embeddings is false"), e.getMessage());
        }
    }

    @Test
    void tiedWithoutEitherRejected() throws IOException {
        try (SafetensorsCheckpoint checkpoint = checkpoint(Map.of("other", new float[] {1, 2}))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TiedWeights.resolveHeadName(checkpoint, HEAD, EMBEDDING, true));
            assertTrue(e.getMessage().contains(HEAD) && e.getMessage().contains(EMBEDDING), e.getMessage());
        }
    }

    @Test
    void untiedPresentHeadUsed() throws IOException {
        try (SafetensorsCheckpoint checkpoint = checkpoint(Map.of(
                HEAD, new float[] {9, 9, 9, 9}, EMBEDDING, new float[] {1, 2, 3, 4}))) {
            assertEquals(HEAD, TiedWeights.resolveHeadName(checkpoint, HEAD, EMBEDDING, false));
        }
    }

    @Test
    void tiedDifferingHeadUsedWithWarning() throws IOException {
        try (SafetensorsCheckpoint checkpoint = checkpoint(Map.of(
                HEAD, new float[] {9, 9, 9, 9}, EMBEDDING, new float[] {1, 2, 3, 4}))) {
            String[] chosen = new String[1];
            String log = stderrOf(() -> chosen[0] = TiedWeights.resolveHeadName(checkpoint, HEAD, EMBEDDING, true));
            assertEquals(HEAD, chosen[0]);
            assertTrue(log.contains("WARN") && log.contains("differs"), log);
        }
    }

    @Test
    void tiedEqualHeadUsedWithoutWarning() throws IOException {
        try (SafetensorsCheckpoint checkpoint = checkpoint(Map.of(
                HEAD, new float[] {1, 2, 3, 4}, EMBEDDING, new float[] {1, 2, 3, 4}))) {
            String[] chosen = new String[1];
            String log = stderrOf(() -> chosen[0] = TiedWeights.resolveHeadName(checkpoint, HEAD, EMBEDDING, true));
            assertEquals(HEAD, chosen[0]);
            assertFalse(log.contains("WARN"), log);
        }
    }

    @Test
    void differingShapesCountAsDifferent() throws IOException {
        Path file = dir.resolve("shapes.safetensors");
        SafetensorsWriter.write(file, Map.of(
                HEAD, TensorData.ofFloats(new long[] {2, 2}, new float[] {1, 2, 3, 4}),
                EMBEDDING, TensorData.ofFloats(new long[] {4, 1}, new float[] {1, 2, 3, 4})));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            assertFalse(checkpoint.sameStoredData(HEAD, EMBEDDING));
        }
    }
}
