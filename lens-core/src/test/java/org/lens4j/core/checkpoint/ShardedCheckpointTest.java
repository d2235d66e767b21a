package org.lens4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardedCheckpointTest {

    private static final String SHARD_1 = "model-00001-of-00002.safetensors";
    private static final String SHARD_2 = "model-00002-of-00002.safetensors";

    @TempDir
    Path dir;

    private static TensorData floats(float... values) {
        return TensorData.ofFloats(new long[] {values.length}, values);
    }

    private void writeIndex(Map<String, String> weightMap) throws IOException {
        String entries = weightMap.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"")
                .collect(Collectors.joining(", "));
        Files.writeString(dir.resolve("model.safetensors.index.json"),
                "{\"metadata\": {\"total_size\": 16}, \"weight_map\": {" + entries + "}}");
    }

    private void writeTwoShards() throws IOException {
        SafetensorsWriter.write(dir.resolve(SHARD_1), Map.of("a", floats(1f, 2f)));
        SafetensorsWriter.write(dir.resolve(SHARD_2), Map.of("b", floats(3f), "c", floats(4f)));
    }

    private static void assertMentions(Exception e, String... keywords) {
        for (String keyword : keywords) {
            assertTrue(e.getMessage().contains(keyword), () -> "message lacks '" + keyword + "': " + e.getMessage());
        }
    }

    @Test
    void indexedShardsOpenAsOneCheckpoint() throws IOException {
        writeTwoShards();
        writeIndex(Map.of("a", SHARD_1, "b", SHARD_2, "c", SHARD_2));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
            assertEquals(Set.of("a", "b", "c"), checkpoint.names());
            assertArrayEquals(new float[] {1f, 2f}, checkpoint.readFloats("a"));
            assertArrayEquals(new float[] {4f}, checkpoint.readFloats("c"));
            assertEquals(dir.resolve(SHARD_2).toAbsolutePath(), checkpoint.info("b").file());
            assertEquals(2, checkpoint.files().size());
        }
    }

    @Test
    void singleFileBesideIndexIgnored() throws IOException {
        writeTwoShards();
        writeIndex(Map.of("a", SHARD_1, "b", SHARD_2, "c", SHARD_2));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), Map.of("a", floats(-9f, -9f), "stale", floats(0f)));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
            assertEquals(Set.of("a", "b", "c"), checkpoint.names());
            assertArrayEquals(new float[] {1f, 2f}, checkpoint.readFloats("a"));
        }
    }

    @Test
    void missingShardRejected() throws IOException {
        SafetensorsWriter.write(dir.resolve(SHARD_1), Map.of("a", floats(1f, 2f)));
        writeIndex(Map.of("a", SHARD_1, "b", SHARD_2, "c", SHARD_2));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> SafetensorsCheckpoint.open(dir));
        assertMentions(e, "missing shard", SHARD_2, "2 tensors", "'b'");
    }

    @Test
    void shardLackingIndexedTensorRejected() throws IOException {
        writeTwoShards();
        writeIndex(Map.of("a", SHARD_1, "b", SHARD_2, "c", SHARD_2, "d", SHARD_2));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> SafetensorsCheckpoint.open(dir));
        assertMentions(e, "'d'", "indexed in " + SHARD_2, "absent from it");
    }

    @Test
    void tensorIndexedInWrongShardRejected() throws IOException {
        writeTwoShards();
        writeIndex(Map.of("a", SHARD_2, "b", SHARD_1, "c", SHARD_2));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> SafetensorsCheckpoint.open(dir));
        assertMentions(e, "2 tensor(s)", "'a' (indexed in " + SHARD_2 + ", stored in " + SHARD_1 + ")",
                "'b' (indexed in " + SHARD_1 + ", stored in " + SHARD_2 + ")");
    }

    @Test
    void tensorInTwoShardsRejected() throws IOException {
        SafetensorsWriter.write(dir.resolve(SHARD_1), Map.of("a", floats(1f, 2f), "b", floats(0f)));
        SafetensorsWriter.write(dir.resolve(SHARD_2), Map.of("b", floats(3f), "c", floats(4f)));
        writeIndex(Map.of("a", SHARD_1, "b", SHARD_2, "c", SHARD_2));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> SafetensorsCheckpoint.open(dir));
        assertMentions(e, "more than one shard", "'b'", SHARD_1, SHARD_2);
    }

    @Test
    void unindexedTensorInShardLeftOut() throws IOException {
        SafetensorsWriter.write(dir.resolve(SHARD_1), Map.of("a", floats(1f, 2f), "extra", floats(0f)));
        SafetensorsWriter.write(dir.resolve(SHARD_2), Map.of("b", floats(3f), "c", floats(4f)));
        writeIndex(Map.of("a", SHARD_1, "b", SHARD_2, "c", SHARD_2));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
            assertEquals(Set.of("a", "b", "c"), checkpoint.names());
        }
    }

    @Test
    void indexWithoutWeightMapRejected() throws IOException {
        writeTwoShards();
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"metadata\": {}}");
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> SafetensorsCheckpoint.open(dir));
        assertMentions(e, "weight_map", "model.safetensors.index.json");
    }

    @Test
    void shardOutsideFolderRejected() throws IOException {
        writeTwoShards();
        writeIndex(Map.of("a", "../" + SHARD_1));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> SafetensorsCheckpoint.open(dir));
        assertMentions(e, "not a file name in");
    }

    @Test
    void singleFileFolderOpens() throws IOException {
        SafetensorsWriter.write(dir.resolve("model.safetensors"), Map.of("w", floats(5f)));
        SafetensorsWriter.write(dir.resolve("inputs.safetensors"), Map.of("ids", floats(0f)));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
            assertEquals(Set.of("w"), checkpoint.names());
        }
    }

    @Test
    void consolidatedFileFolderOpens() throws IOException {
        SafetensorsWriter.write(dir.resolve("consolidated.safetensors"), Map.of("layers.0.attention.wq.weight", floats(5f)));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
            assertEquals(Set.of("layers.0.attention.wq.weight"), checkpoint.names());
        }
    }

    @Test
    void singleFileWinsOverConsolidated() throws IOException {
        SafetensorsWriter.write(dir.resolve("consolidated.safetensors"), Map.of("c", floats(5f)));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), Map.of("m", floats(5f)));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
            assertEquals(Set.of("m"), checkpoint.names());
        }
    }

    @Test
    void folderWithoutCheckpointRejected() throws IOException {
        SafetensorsWriter.write(dir.resolve("inputs.safetensors"), Map.of("ids", floats(0f)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafetensorsCheckpoint.open(dir));
        assertMentions(e, "no checkpoint in", "model.safetensors", "inputs.safetensors");
    }

    @Test
    void missingPathRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SafetensorsCheckpoint.open(dir.resolve("absent")));
        assertMentions(e, "checkpoint not found", "absent");
    }
}
