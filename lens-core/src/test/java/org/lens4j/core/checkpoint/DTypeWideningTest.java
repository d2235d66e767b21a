package org.lens4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.core.LensRuntime;

class DTypeWideningTest {

    private static NDManager manager;

    @TempDir
    Path dir;

    @BeforeAll
    static void startEngine() {
        manager = LensRuntime.newManager();
    }

    @AfterAll
    static void stopEngine() {
        manager.close();
    }

    private SafetensorsCheckpoint single(String dtype, int count, byte[] data) throws IOException {
        Path file = RawFiles.write(dir.resolve("a.safetensors"),
                "{" + RawFiles.entry("t", dtype, "[" + count + "]", 0, data.length) + "}", data);
        return SafetensorsCheckpoint.open(file);
    }

    // Expected values from the bfloat16 definition: the bits are the upper half of a float32.
    // 0x3F80 = 1.0, 0xC000 = -2.0, 0x7F80 = +Inf, 0x4049 = 3.140625 (1.5703125 × 2), 0x7FC0 = NaN.
    private static final byte[] BF16_BYTES = RawFiles.bytes(0x80, 0x3F, 0x00, 0xC0, 0x80, 0x7F, 0x49, 0x40, 0xC0, 0x7F);

    @Test
    void bf16WidensExactly() throws IOException {
        try (SafetensorsCheckpoint checkpoint = single("BF16", 5, BF16_BYTES)) {
            float[] values = checkpoint.readFloats("t");
            assertArrayEquals(new float[] {1.0f, -2.0f, Float.POSITIVE_INFINITY, 3.140625f}, java.util.Arrays.copyOf(values, 4));
            assertTrue(Float.isNaN(values[4]));
        }
    }

    @Test
    void bf16LoadsAsFloat32() throws IOException {
        try (SafetensorsCheckpoint checkpoint = single("BF16", 5, BF16_BYTES);
                NDArray array = checkpoint.load(manager, "t")) {
            assertEquals(DataType.FLOAT32, array.getDataType());
            float[] values = array.toFloatArray();
            assertArrayEquals(new float[] {1.0f, -2.0f, Float.POSITIVE_INFINITY, 3.140625f}, java.util.Arrays.copyOf(values, 4));
            assertTrue(Float.isNaN(values[4]));
        }
    }

    @Test
    void f16WidensExactly() throws IOException {
        // 0x3C00 = 1.0 and 0x7C00 = +Inf by the binary16 definition.
        try (SafetensorsCheckpoint checkpoint = single("F16", 2, RawFiles.bytes(0x00, 0x3C, 0x00, 0x7C))) {
            assertArrayEquals(new float[] {1.0f, Float.POSITIVE_INFINITY}, checkpoint.readFloats("t"));
        }
    }

    @Test
    void f16SubnormalsWidenExactly() throws IOException {
        // 0x0001 = 2^-24, 0x03FF = 1023 × 2^-24 (largest subnormal), 0x8001 = -2^-24,
        // 0x0400 = 2^-14 (smallest normal), 0x7BFF = 65504 (largest finite).
        byte[] bytes = RawFiles.bytes(0x01, 0x00, 0xFF, 0x03, 0x01, 0x80, 0x00, 0x04, 0xFF, 0x7B);
        float[] expected = {0x1p-24f, 1023 * 0x1p-24f, -0x1p-24f, 0x1p-14f, 65504f};
        try (SafetensorsCheckpoint checkpoint = single("F16", 5, bytes);
                NDArray array = checkpoint.load(manager, "t")) {
            assertArrayEquals(expected, checkpoint.readFloats("t"));
            assertArrayEquals(expected, array.toFloatArray());
        }
    }

    @Test
    void f64NarrowsToNearestFloat() throws IOException {
        TensorData data = TensorData.of(TensorDType.F64, new long[] {2},
                java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(0.1).putDouble(-1e300).array());
        Path file = dir.resolve("f64.safetensors");
        SafetensorsWriter.write(file, java.util.Map.of("t", data));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            assertArrayEquals(new float[] {(float) 0.1, Float.NEGATIVE_INFINITY}, checkpoint.readFloats("t"));
        }
    }

    @Test
    void integersWidenToInt64() throws IOException {
        // I8 0xFF = -1, U8 0xFF = 255, I16 0x8000 = -32768, I32 0x80000000 = -2^31.
        Path file = RawFiles.write(dir.resolve("a.safetensors"), "{"
                + RawFiles.entry("i8", "I8", "[1]", 0, 1) + ","
                + RawFiles.entry("u8", "U8", "[1]", 1, 2) + ","
                + RawFiles.entry("i16", "I16", "[1]", 2, 4) + ","
                + RawFiles.entry("i32", "I32", "[1]", 4, 8) + ","
                + RawFiles.entry("b", "BOOL", "[2]", 8, 10) + "}",
                RawFiles.bytes(0xFF, 0xFF, 0x00, 0x80, 0x00, 0x00, 0x00, 0x80, 0x01, 0x00));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            assertArrayEquals(new long[] {-1}, checkpoint.readLongs("i8"));
            assertArrayEquals(new long[] {255}, checkpoint.readLongs("u8"));
            assertArrayEquals(new long[] {-32768}, checkpoint.readLongs("i16"));
            assertArrayEquals(new long[] {Integer.MIN_VALUE}, checkpoint.readLongs("i32"));
            assertArrayEquals(new long[] {1, 0}, checkpoint.readLongs("b"));
            assertArrayEquals(new float[] {255f}, checkpoint.readFloats("u8"));
            try (NDArray u8 = checkpoint.load(manager, "u8"); NDArray bool = checkpoint.load(manager, "b")) {
                assertEquals(DataType.INT64, u8.getDataType());
                assertArrayEquals(new long[] {255}, u8.toLongArray());
                assertEquals(DataType.BOOLEAN, bool.getDataType());
                assertArrayEquals(new boolean[] {true, false}, bool.toBooleanArray());
            }
        }
    }
}
