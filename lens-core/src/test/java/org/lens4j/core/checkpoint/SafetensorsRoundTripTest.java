package org.lens4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

class SafetensorsRoundTripTest {

    private static final long[] SEEDS = {1L, 7L, 2024L, 987654321L};

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

    static Stream<Arguments> seedsAndDtypes() {
        List<Arguments> cases = new ArrayList<>();
        for (long seed : SEEDS) {
            for (TensorDType dtype : TensorDType.values()) {
                cases.add(Arguments.of(seed, dtype));
            }
        }
        return cases.stream();
    }

    /** Random tensors of one dtype: random bit patterns (NaN payloads included), BOOL as 0 or 1. */
    private static Map<String, TensorData> randomTensors(SplittableRandom random, TensorDType dtype) {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        int count = 1 + random.nextInt(4);
        for (int t = 0; t < count; t++) {
            long[] shape = new long[random.nextInt(4)];
            long elements = 1;
            for (int d = 0; d < shape.length; d++) {
                shape[d] = random.nextInt(6);
                elements *= shape[d];
            }
            byte[] data = new byte[(int) elements * dtype.byteSize()];
            for (int i = 0; i < data.length; i++) {
                data[i] = dtype == TensorDType.BOOL ? (byte) random.nextInt(2) : (byte) random.nextInt(256);
            }
            tensors.put("layer." + t + ".weight", TensorData.of(dtype, shape, data));
        }
        return tensors;
    }

    @ParameterizedTest(name = "seed {0}, {1}")
    @MethodSource("seedsAndDtypes")
    void storedBytesRoundTripExactly(long seed, TensorDType dtype) throws IOException {
        Map<String, TensorData> tensors = randomTensors(new SplittableRandom(seed), dtype);
        Path file = dir.resolve("t.safetensors");
        SafetensorsWriter.write(file, tensors);

        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            assertEquals(tensors.keySet(), checkpoint.names(), "seed " + seed);
            for (Map.Entry<String, TensorData> entry : tensors.entrySet()) {
                TensorInfo info = checkpoint.info(entry.getKey());
                assertEquals(dtype, info.dtype(), "seed " + seed + " " + entry.getKey());
                assertArrayEquals(entry.getValue().shape(), info.shape(), "seed " + seed + " " + entry.getKey());
                assertArrayEquals(entry.getValue().data(), checkpoint.readRaw(entry.getKey()), "seed " + seed + " " + entry.getKey());
            }
        }
    }

    @ParameterizedTest(name = "seed {0}, {1}")
    @MethodSource("seedsAndDtypes")
    void loadMatchesTypedReads(long seed, TensorDType dtype) throws IOException {
        Map<String, TensorData> tensors = randomTensors(new SplittableRandom(seed), dtype);
        Path file = dir.resolve("t.safetensors");
        SafetensorsWriter.write(file, tensors);

        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file);
                NDManager scope = manager.newSubManager()) {
            for (String name : tensors.keySet()) {
                NDArray array = checkpoint.load(scope, name);
                assertArrayEquals(checkpoint.info(name).shape(), array.getShape().getShape(), "seed " + seed + " " + name);
                if (dtype.isFloatingPoint()) {
                    assertArrayEquals(bits(checkpoint.readFloats(name)), bits(array.toFloatArray()), "seed " + seed + " " + name);
                } else if (dtype == TensorDType.BOOL) {
                    assertArrayEquals(checkpoint.readLongs(name), asLongs(array.toBooleanArray()), "seed " + seed + " " + name);
                } else {
                    assertArrayEquals(checkpoint.readLongs(name), array.toLongArray(), "seed " + seed + " " + name);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void floatsRoundTripBitExactly(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[257];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-20, 20)));
        }
        Path file = dir.resolve("f.safetensors");
        SafetensorsWriter.write(file, Map.of("x", TensorData.ofFloats(new long[] {257}, values)));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            assertArrayEquals(bits(values), bits(checkpoint.readFloats("x")), "seed " + seed);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void longsRoundTripExactly(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        long[] values = random.longs(100).toArray();
        Path file = dir.resolve("l.safetensors");
        SafetensorsWriter.write(file, Map.of("ids", TensorData.ofLongs(new long[] {4, 25}, values)));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            assertArrayEquals(values, checkpoint.readLongs("ids"), "seed " + seed);
        }
    }

    static Stream<Long> seeds() {
        return java.util.Arrays.stream(SEEDS).boxed();
    }

    @Test
    void writerPadsHeaderToEightBytes() throws IOException {
        Path file = dir.resolve("p.safetensors");
        SafetensorsWriter.write(file, Map.of("abc", TensorData.ofFloats(new long[] {1}, new float[] {1f})), Map.of("format", "pt"));
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8);
        assertEquals(' ', bytes[(int) (8 + headerLength - 1)]);
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            assertEquals(Map.of("format", "pt"), checkpoint.metadata());
        }
    }

    @Test
    void writerRejectsReservedName() {
        Map<String, TensorData> tensors = Map.of("__metadata__", TensorData.ofFloats(new long[] {1}, new float[] {1f}));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SafetensorsWriter.write(dir.resolve("r.safetensors"), tensors));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("reserved"));
    }

    @Test
    void tensorDataRejectsWrongByteCount() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TensorData.of(TensorDType.F32, new long[] {2, 2}, new byte[15]));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("15 bytes") && e.getMessage().contains("needs 16"));
    }

    @Test
    void tensorDataRejectsOutOfRangeValue() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TensorData.ofLongs(TensorDType.U8, new long[] {2}, new long[] {3, 256}));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("256") && e.getMessage().contains("index 1"));
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }

    private static long[] asLongs(boolean[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] ? 1 : 0;
        }
        return out;
    }
}
