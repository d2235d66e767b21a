package org.lens4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafetensorsHeaderTest {

    @TempDir
    Path dir;

    private static byte[] floats(float... values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            out.putFloat(value);
        }
        return out.array();
    }

    private CheckpointFormatException rejected(Path file) {
        return assertThrows(CheckpointFormatException.class, () -> SafetensorsCheckpoint.open(file).close());
    }

    private static void assertMentions(Exception e, String... keywords) {
        for (String keyword : keywords) {
            assertTrue(e.getMessage().contains(keyword), () -> "message lacks '" + keyword + "': " + e.getMessage());
        }
    }

    @Test
    void validFileOpens() throws IOException {
        Path file = RawFiles.write(dir.resolve("a.safetensors"),
                "{" + RawFiles.entry("w", "F32", "[2]", 0, 8) + "}", floats(1.5f, -2f));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            assertArrayEquals(new float[] {1.5f, -2f}, checkpoint.readFloats("w"));
        }
    }

    @Test
    void headerLengthBeyondFileRejected() throws IOException {
        Path file = RawFiles.writeWithLength(dir.resolve("a.safetensors"), 1L << 40,
                "{}".getBytes(StandardCharsets.UTF_8), new byte[0]);
        assertMentions(rejected(file), "header length 1099511627776", "exceeds the 2 bytes", "a.safetensors");
    }

    @Test
    void headerLengthWithTopBitSetRejected() throws IOException {
        Path file = RawFiles.writeWithLength(dir.resolve("a.safetensors"), -1L,
                "{}".getBytes(StandardCharsets.UTF_8), new byte[0]);
        assertMentions(rejected(file), "header length 18446744073709551615", "exceeds");
    }

    @Test
    void fileShorterThanLengthPrefixRejected() throws IOException {
        Path file = dir.resolve("a.safetensors");
        java.nio.file.Files.write(file, new byte[5]);
        assertMentions(rejected(file), "5 bytes", "8-byte header length");
    }

    @Test
    void spanBeyondDataSectionRejected() throws IOException {
        Path file = RawFiles.write(dir.resolve("a.safetensors"),
                "{" + RawFiles.entry("big", "F32", "[10,10]", 0, 400) + "}", new byte[240]);
        assertMentions(rejected(file), "a.safetensors", "'big'", "400 bytes", "only 240 bytes");
    }

    @Test
    void reversedOffsetsRejected() throws IOException {
        Path file = RawFiles.write(dir.resolve("a.safetensors"),
                "{" + RawFiles.entry("w", "F32", "[2]", 8, 0) + "}", new byte[8]);
        assertMentions(rejected(file), "'w'", "[8, 0]", "reversed");
    }

    @Test
    void overlappingOffsetsRejected() throws IOException {
        Path file = RawFiles.write(dir.resolve("a.safetensors"), "{"
                + RawFiles.entry("a", "F32", "[2]", 0, 8) + ","
                + RawFiles.entry("b", "F32", "[2]", 4, 12) + "}", new byte[12]);
        assertMentions(rejected(file), "'a'", "'b'", "overlap");
    }

    @Test
    void gapBetweenTensorsRejected() throws IOException {
        Path file = RawFiles.write(dir.resolve("a.safetensors"), "{"
                + RawFiles.entry("a", "F32", "[1]", 0, 4) + ","
                + RawFiles.entry("b", "F32", "[1]", 8, 12) + "}", new byte[12]);
        assertMentions(rejected(file), "4 unused bytes", "'b'");
    }

    @Test
    void spanNotMatchingShapeRejected() throws IOException {
        Path file = RawFiles.write(dir.resolve("a.safetensors"),
                "{" + RawFiles.entry("w", "F32", "[3]", 0, 8) + "}", new byte[8]);
        assertMentions(rejected(file), "'w'", "span 8 bytes", "[3]", "needs 12 bytes");
    }

    @Test
    void trailingBytesRejected() throws IOException {
        Path file = RawFiles.write(dir.resolve("a.safetensors"),
                "{" + RawFiles.entry("w", "F32", "[2]", 0, 8) + "}", new byte[10]);
        assertMentions(rejected(file), "2 trailing bytes", "10 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"F8_E4M3", "F8_E5M2", "F8_E8M0", "U32", "U64", "C64", "f32", "XYZ"})
    void unsupportedDtypeRejected(String dtype) throws IOException {
        Path file = RawFiles.write(dir.resolve("a.safetensors"),
                "{" + RawFiles.entry("scale", dtype, "[1]", 0, 4) + "}", new byte[4]);
        assertMentions(rejected(file), "unsupported dtype '" + dtype + "'", "'scale'", "a.safetensors");
    }

    @Test
    void headerPaddedWithSpacesAccepted() throws IOException {
        String json = "{" + RawFiles.entry("w", "F32", "[1]", 0, 4) + "}";
        Path file = RawFiles.writePadded(dir.resolve("a.safetensors"), json, json.length() + 13, floats(7f));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            assertArrayEquals(new float[] {7f}, checkpoint.readFloats("w"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {99_993, 99_994, 100_000, 100_001})
    void largeSpacePaddedHeaderParses(int headerBytes) throws IOException {
        String json = "{\"__metadata__\":{\"format\":\"pt\"}," + RawFiles.entry("w", "F32", "[2]", 0, 8) + "}";
        Path file = RawFiles.writePadded(dir.resolve("a.safetensors"), json, headerBytes, floats(3f, 4f));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            assertArrayEquals(new float[] {3f, 4f}, checkpoint.readFloats("w"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {99_993, 99_994, 100_000, 100_001})
    void largeHeaderOfTensorsParses(int headerBytes) throws IOException {
        String tail = "," + RawFiles.entry("w", "F32", "[2]", 0, 8) + "}";
        String head = "{\"__metadata__\":{\"note\":\"";
        String filler = "x".repeat(headerBytes - head.length() - "\"}".length() - tail.length());
        String json = head + filler + "\"}" + tail;
        assertEquals(headerBytes, json.getBytes(StandardCharsets.UTF_8).length);
        Path file = RawFiles.write(dir.resolve("a.safetensors"), json, floats(5f, 6f));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            assertArrayEquals(new float[] {5f, 6f}, checkpoint.readFloats("w"));
            assertEquals(filler.length(), checkpoint.metadata().get("note").length());
        }
    }

    @Test
    void metadataStringsExposed() throws IOException {
        Path file = RawFiles.write(dir.resolve("a.safetensors"), "{\"__metadata__\":{\"format\":\"pt\",\"k\":\"v\"},"
                + RawFiles.entry("w", "F32", "[1]", 0, 4) + "}", floats(1f));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            assertEquals(Map.of("format", "pt", "k", "v"), checkpoint.metadata());
            assertEquals(java.util.Set.of("w"), checkpoint.names());
        }
    }

    @Test
    void nonStringMetadataRejected() throws IOException {
        Path file = RawFiles.write(dir.resolve("a.safetensors"), "{\"__metadata__\":{\"n\":3},"
                + RawFiles.entry("w", "F32", "[1]", 0, 4) + "}", floats(1f));
        assertMentions(rejected(file), "__metadata__.n", "STRING");
    }

    @Test
    void duplicateTensorNameRejected() throws IOException {
        Path file = RawFiles.write(dir.resolve("a.safetensors"), "{"
                + RawFiles.entry("w", "F32", "[1]", 0, 4) + ","
                + RawFiles.entry("w", "F32", "[1]", 4, 8) + "}", new byte[8]);
        assertMentions(rejected(file), "'w'", "twice");
    }

    @Test
    void unknownEntryFieldRejected() throws IOException {
        Path file = RawFiles.write(dir.resolve("a.safetensors"),
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"stride\":[1]}}", new byte[4]);
        assertMentions(rejected(file), "'w'", "unknown field 'stride'");
    }

    @Test
    void missingOffsetsRejected() throws IOException {
        Path file = RawFiles.write(dir.resolve("a.safetensors"), "{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", new byte[4]);
        assertMentions(rejected(file), "'w'", "lacks data_offsets");
    }

    @Test
    void negativeDimensionRejected() throws IOException {
        Path file = RawFiles.write(dir.resolve("a.safetensors"),
                "{" + RawFiles.entry("w", "F32", "[-1]", 0, 4) + "}", new byte[4]);
        assertMentions(rejected(file), "shape of tensor 'w'", "negative value -1");
    }

    @Test
    void malformedJsonRejected() throws IOException {
        Path file = RawFiles.write(dir.resolve("a.safetensors"), "{\"w\":{\"dtype\":'F32'}}", new byte[0]);
        assertMentions(rejected(file), "invalid safetensors header", "a.safetensors");
    }

    @Test
    void contentAfterHeaderObjectRejected() throws IOException {
        Path file = RawFiles.write(dir.resolve("a.safetensors"), "{} {}", new byte[0]);
        assertMentions(rejected(file), "invalid safetensors header");
    }

    @Test
    void headerNotStartingWithBraceRejected() throws IOException {
        Path file = RawFiles.write(dir.resolve("a.safetensors"), " {}", new byte[0]);
        assertMentions(rejected(file), "must start with '{'");
    }

    @Test
    void invalidUtf8HeaderRejected() throws IOException {
        byte[] header = RawFiles.bytes('{', '"', 0xC3, '"', ':', '1', '}');
        Path file = RawFiles.writeWithLength(dir.resolve("a.safetensors"), header.length, header, new byte[0]);
        assertMentions(rejected(file), "not valid UTF-8");
    }

    @Test
    void emptyHeaderObjectOpensEmpty() throws IOException {
        Path file = RawFiles.write(dir.resolve("a.safetensors"), "{}", new byte[0]);
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            assertTrue(checkpoint.names().isEmpty());
        }
    }

    @Test
    void zeroSizedTensorsShareOffsets() throws IOException {
        Path file = RawFiles.write(dir.resolve("a.safetensors"), "{"
                + RawFiles.entry("empty", "F32", "[0,3]", 0, 0) + ","
                + RawFiles.entry("w", "F32", "[1]", 0, 4) + "}", floats(9f));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            assertEquals(0, checkpoint.readFloats("empty").length);
            assertArrayEquals(new float[] {9f}, checkpoint.readFloats("w"));
        }
    }
}
