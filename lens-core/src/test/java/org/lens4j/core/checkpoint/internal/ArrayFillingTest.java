package org.lens4j.core.checkpoint.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lens4j.core.LensRuntime;

class ArrayFillingTest {

    private static final long MIB = 1 << 20;

    private static NDManager manager;

    @BeforeAll
    static void startEngine() {
        manager = LensRuntime.newManager();
    }

    @AfterAll
    static void stopEngine() {
        manager.close();
    }

    private static Consumer<ByteBuffer> floats(float... values) {
        return buffer -> buffer.asFloatBuffer().put(values);
    }

    private static long directBytesInUse() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed)
                .sum();
    }

    @Test
    void pytorchCpuSupportsInPlaceWrites() {
        assertTrue(ArrayFilling.supportsInPlaceWrites(manager));
    }

    @Test
    void bothPathsGiveSameFloats() {
        Shape shape = new Shape(2, 2);
        try (NDArray inPlace = ArrayFilling.createInPlace(manager, shape, DataType.FLOAT32, 16, floats(1, 2, 3, 4));
                NDArray direct = ArrayFilling.createFromDirectBuffer(manager, shape, DataType.FLOAT32, 16, floats(1, 2, 3, 4))) {
            assertArrayEquals(new float[] {1, 2, 3, 4}, inPlace.toFloatArray());
            assertArrayEquals(new float[] {1, 2, 3, 4}, direct.toFloatArray());
            assertEquals(shape, inPlace.getShape());
            assertEquals(shape, direct.getShape());
        }
    }

    @Test
    void bothPathsGiveSameLongsAndBooleans() {
        Consumer<ByteBuffer> longs = buffer -> buffer.asLongBuffer().put(new long[] {-5, 7});
        Consumer<ByteBuffer> booleans = buffer -> buffer.put((byte) 1).put((byte) 0);
        try (NDArray inPlaceLongs = ArrayFilling.createInPlace(manager, new Shape(2), DataType.INT64, 16, longs);
                NDArray directLongs = ArrayFilling.createFromDirectBuffer(manager, new Shape(2), DataType.INT64, 16, longs);
                NDArray inPlaceBooleans = ArrayFilling.createInPlace(manager, new Shape(2), DataType.BOOLEAN, 2, booleans);
                NDArray directBooleans = ArrayFilling.createFromDirectBuffer(manager, new Shape(2), DataType.BOOLEAN, 2, booleans)) {
            assertArrayEquals(new long[] {-5, 7}, inPlaceLongs.toLongArray());
            assertArrayEquals(new long[] {-5, 7}, directLongs.toLongArray());
            assertArrayEquals(new boolean[] {true, false}, inPlaceBooleans.toBooleanArray());
            assertArrayEquals(new boolean[] {true, false}, directBooleans.toBooleanArray());
        }
    }

    @Test
    void emptyArrayNeedsNoFill() {
        Consumer<ByteBuffer> fail = buffer -> {
            throw new AssertionError("fill called for an empty array");
        };
        try (NDArray inPlace = ArrayFilling.createInPlace(manager, new Shape(0, 3), DataType.FLOAT32, 0, fail);
                NDArray direct = ArrayFilling.createFromDirectBuffer(manager, new Shape(0, 3), DataType.FLOAT32, 0, fail)) {
            assertEquals(new Shape(0, 3), inPlace.getShape());
            assertEquals(new Shape(0, 3), direct.getShape());
        }
    }

    /** The reason for the in-place path: loaded weights must not count against -XX:MaxDirectMemorySize. */
    @Test
    void inPlaceArraysHoldNoDirectMemory() {
        long before = directBytesInUse();
        long bytes = 64 * MIB;
        Consumer<ByteBuffer> constant = buffer -> {
            for (int i = 0; i < bytes; i += Float.BYTES) {
                buffer.putFloat(i, 0.5f);
            }
        };
        try (NDArray array = ArrayFilling.createInPlace(manager, new Shape(bytes / Float.BYTES), DataType.FLOAT32, bytes, constant)) {
            assertTrue(directBytesInUse() - before < MIB, "direct memory grew by " + (directBytesInUse() - before));
            assertEquals(0.5f * bytes / Float.BYTES, array.sum().getFloat(), 1e-3 * bytes);
        }
    }
}
