package org.lens4j.core.checkpoint.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates NDArrays whose bytes are written by a caller-supplied fill function, without boxing.
 *
 * <p>Preferred path: create an uninitialised array and write straight into its native memory
 * through {@link NDArray#toByteBuffer(boolean) toByteBuffer(true)}. On the PyTorch engine on CPU
 * that buffer is the tensor's own memory, so the array owns its data, close frees it at once, and
 * the Java direct-memory limit ({@code -XX:MaxDirectMemorySize}, by default the heap size) does
 * not apply. Whether writes reach the array is probed once per engine and device.
 *
 * <p>Fallback: fill a new direct buffer and hand it to {@link NDManager#create(java.nio.Buffer,
 * Shape, DataType)}. PyTorch then keeps that buffer as the array's storage, so the loaded data
 * counts against the direct-memory limit and is freed only when the buffer is garbage collected.
 */
public final class ArrayFilling {

    private static final Logger LOG = LoggerFactory.getLogger(ArrayFilling.class);

    private static final Map<String, Boolean> IN_PLACE_WRITES = new ConcurrentHashMap<>();

    private ArrayFilling() {
    }

    /**
     * Creates an array of {@code shape} and {@code type} in {@code manager}. The {@code fill}
     * function writes its {@code bytes} bytes into a native-order buffer positioned at 0.
     */
    public static NDArray create(NDManager manager, Shape shape, DataType type, long bytes, Consumer<ByteBuffer> fill) {
        if (supportsInPlaceWrites(manager)) {
            return createInPlace(manager, shape, type, bytes, fill);
        }
        return createFromDirectBuffer(manager, shape, type, bytes, fill);
    }

    /** Creates the array and writes into its own memory, or falls back when the view does not fit. */
    static NDArray createInPlace(NDManager manager, Shape shape, DataType type, long bytes, Consumer<ByteBuffer> fill) {
        NDArray array = manager.create(shape, type);
        if (bytes == 0) {
            return array;
        }
        try {
            ByteBuffer view = array.toByteBuffer(true);
            if (!view.isDirect() || view.isReadOnly() || view.capacity() != bytes) {
                array.close();
                return createFromDirectBuffer(manager, shape, type, bytes, fill);
            }
            fill.accept(view.order(ByteOrder.nativeOrder()));
            return array;
        } catch (RuntimeException e) {
            array.close();
            throw e;
        }
    }

    /** Fills a new direct buffer and lets the engine create the array from it. */
    static NDArray createFromDirectBuffer(NDManager manager, Shape shape, DataType type, long bytes, Consumer<ByteBuffer> fill) {
        if (bytes == 0) {
            return manager.create(shape, type);
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect(Math.toIntExact(bytes)).order(ByteOrder.nativeOrder());
        fill.accept(buffer.duplicate().order(ByteOrder.nativeOrder()));
        return manager.create(buffer, shape, type);
    }

    /** Returns whether writes through {@code toByteBuffer(true)} reach the array on this engine and device. */
    static boolean supportsInPlaceWrites(NDManager manager) {
        String key = manager.getEngine().getEngineName() + "/" + manager.getDevice();
        return IN_PLACE_WRITES.computeIfAbsent(key, k -> probe(manager, k));
    }

    private static boolean probe(NDManager manager, String key) {
        boolean reaches;
        try (NDManager scope = manager.newSubManager()) {
            NDArray probe = scope.zeros(new Shape(1), DataType.FLOAT32);
            ByteBuffer view = probe.toByteBuffer(true);
            if (!view.isDirect() || view.isReadOnly() || view.capacity() != Float.BYTES) {
                reaches = false;
            } else {
                view.order(ByteOrder.nativeOrder()).putFloat(0, 1f);
                reaches = probe.getFloat() == 1f;
            }
        } catch (UnsupportedOperationException e) {
            reaches = false;
        }
        LOG.debug("Writing loaded tensors in place on {}: {}", key, reaches);
        return reaches;
    }
}
