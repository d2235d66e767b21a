package org.lens4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lens4j.core.LensRuntime;

/** Reads through tiny mapping windows must equal reads through one window. */
class WindowedMappingTest {

    private static final TensorDType[] DTYPES = {
        TensorDType.F32, TensorDType.BF16, TensorDType.F16, TensorDType.F64, TensorDType.I64,
        TensorDType.I32, TensorDType.I16, TensorDType.I8, TensorDType.U8, TensorDType.BOOL};

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

    static Stream<Arguments> windowsAndPadding() {
        List<Arguments> cases = new ArrayList<>();
        for (long window : new long[] {16, 24, 40, 64, 100, 4096}) {
            for (int padding : new int[] {0, 1, 3, 6}) {
                cases.add(Arguments.of(window, padding));
            }
        }
        return cases.stream();
    }

    /**
     * Writes every dtype in random sizes (one tensor of 500 elements, larger than the small
     * windows), with the header padded by {@code padding} spaces so the data section starts at
     * an odd offset for odd paddings.
     */
    private Path mixedFile(long seed, int padding) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder header = new StringBuilder("{");
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        for (int t = 0; t < DTYPES.length * 2; t++) {
            TensorDType dtype = DTYPES[t % DTYPES.length];
            int rows = t == 0 ? 125 : 1 + random.nextInt(9);
            int columns = t == 0 ? 4 : 1 + random.nextInt(5);
            byte[] bytes = new byte[rows * columns * dtype.byteSize()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = dtype == TensorDType.BOOL ? (byte) random.nextInt(2) : (byte) random.nextInt(256);
            }
            if (t > 0) {
                header.append(',');
            }
            header.append(RawFiles.entry("t" + t, dtype.name(), "[" + rows + "," + columns + "]", data.size(), data.size() + bytes.length));
            data.write(bytes);
        }
        String json = header.append('}').toString();
        return RawFiles.writePadded(dir.resolve("mixed.safetensors"), json, json.length() + padding, data.toByteArray());
    }

    @ParameterizedTest(name = "window {0} bytes, padding {1}")
    @MethodSource("windowsAndPadding")
    void smallWindowsReadSameValues(long window, int padding) throws IOException {
        Path file = mixedFile(window * 31 + padding, padding);
        try (SafetensorsCheckpoint windowed = SafetensorsCheckpoint.open(file, window);
                SafetensorsCheckpoint whole = SafetensorsCheckpoint.open(file)) {
            for (String name : whole.names()) {
                String label = name + " through " + window + "-byte windows";
                assertArrayEquals(whole.readRaw(name), windowed.readRaw(name), label);
                assertArrayEquals(bits(whole.readFloats(name)), bits(windowed.readFloats(name)), label);
                if (!whole.info(name).dtype().isFloatingPoint()) {
                    assertArrayEquals(whole.readLongs(name), windowed.readLongs(name), label);
                }
            }
        }
    }

    @ParameterizedTest(name = "window {0} bytes, padding {1}")
    @MethodSource("windowsAndPadding")
    void smallWindowsLoadSameArrays(long window, int padding) throws IOException {
        Path file = mixedFile(window * 17 + padding, padding);
        try (SafetensorsCheckpoint windowed = SafetensorsCheckpoint.open(file, window);
                NDManager scope = manager.newSubManager()) {
            for (String name : windowed.names()) {
                NDArray array = windowed.load(scope, name);
                NDArray rows = windowed.loadRows(scope, name, 1, (int) windowed.info(name).shape()[0]);
                float[] expected = windowed.readFloats(name);
                float[] loaded = array.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
                assertArrayEquals(bits(expected), bits(loaded), name);
                float[] loadedRows = rows.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
                int skipped = expected.length - loadedRows.length;
                assertArrayEquals(bits(java.util.Arrays.copyOfRange(expected, skipped, expected.length)), bits(loadedRows), name);
            }
        }
    }

    @Test
    void smallWindowsSplitFile() throws IOException {
        Path file = mixedFile(5, 3);
        try (SafetensorsCheckpoint windowed = SafetensorsCheckpoint.open(file, 64)) {
            long size = java.nio.file.Files.size(file);
            // Windows start every 64 − 32 bytes (the overlap is half a small window).
            long expected = (size - 64 + 31) / 32 + 1;
            assertEquals(expected, windowed.windowCount("t0"));
            assertTrue(expected > 10);
        }
    }

    @Test
    void windowBelowMinimumRejected() throws IOException {
        Path file = mixedFile(5, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafetensorsCheckpoint.open(file, 8));
        assertTrue(e.getMessage().contains("window size 8"), e.getMessage());
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }
}
