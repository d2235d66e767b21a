package org.lens4j.core.ndarray;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies between DJL {@link NDArray}s and ND4J {@link INDArray}s through direct byte buffers.
 *
 * <p>Both directions copy the data once, native memory to native memory, without a Java array in
 * between. The result never shares memory with its source, so either side may be closed or
 * garbage-collected afterwards.
 *
 * <pre>{@code
 * INDArray features = NdConversions.toINDArray(hidden);         // [batch, hidden] float32
 * NDArray back = NdConversions.toNDArray(features, manager);    // owned by manager
 * }</pre>
 */
public final class NdConversions {

    private NdConversions() {
    }

    /**
     * Copies a DJL array into a new row-major ND4J array with the same shape. Float16, bfloat16 and
     * float64 arrays become float32 (the element type every capture uses); int32 and int64 keep their
     * type.
     *
     * @throws IllegalArgumentException for any other data type, naming it
     */
    public static INDArray toINDArray(NDArray array) {
        Objects.requireNonNull(array, "array");
        DataType source = array.getDataType();
        org.nd4j.linalg.api.buffer.DataType target = nd4jType(source);
        long[] shape = array.getShape().getShape();

        INDArray out = Nd4j.createUninitialized(target, shape, 'c');
        if (out.length() == 0) {
            return out;
        }
        if (needsWidening(source)) {
            try (NDArray widened = array.toType(DataType.FLOAT32, true)) {
                copyInto(widened, out);
            }
        } else {
            copyInto(array, out);
        }
        return out;
    }

    /**
     * Copies an ND4J array into a new DJL array owned by {@code manager}. Float32, float64, int32 and
     * int64 keep their type; a view or column-major array is made row-major first.
     *
     * @throws IllegalArgumentException for any other data type, naming it
     */
    public static NDArray toNDArray(INDArray array, NDManager manager) {
        Objects.requireNonNull(array, "array");
        Objects.requireNonNull(manager, "manager");
        DataType target = djlType(array.dataType());
        INDArray packed = isPacked(array) ? array : array.dup('c');

        int bytes = Math.toIntExact(packed.length() * target.getNumOfBytes());
        ByteBuffer copy = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        if (bytes > 0) {
            ByteBuffer source = packed.data().asNio().order(ByteOrder.nativeOrder());
            source.limit(bytes);
            copy.put(source);
            copy.rewind();
        }
        return manager.create(copy, new Shape(packed.shape()), target);
    }

    private static void copyInto(NDArray array, INDArray out) {
        ByteBuffer source = array.toByteBuffer(true).order(ByteOrder.nativeOrder());
        ByteBuffer target = out.data().asNio().order(ByteOrder.nativeOrder());
        target.put(source);
    }

    private static boolean isPacked(INDArray array) {
        return !array.isView() && array.ordering() == 'c' && array.offset() == 0
                && array.data().length() == array.length();
    }

    private static boolean needsWidening(DataType type) {
        return type == DataType.FLOAT16 || type == DataType.BFLOAT16 || type == DataType.FLOAT64;
    }

    private static org.nd4j.linalg.api.buffer.DataType nd4jType(DataType type) {
        switch (type) {
            case FLOAT32:
            case FLOAT16:
            case BFLOAT16:
            case FLOAT64:
                return org.nd4j.linalg.api.buffer.DataType.FLOAT;
            case INT32:
                return org.nd4j.linalg.api.buffer.DataType.INT32;
            case INT64:
                return org.nd4j.linalg.api.buffer.DataType.INT64;
            default:
                throw new IllegalArgumentException("cannot copy a " + type + " array to ND4J; convert it to"
                        + " float32, int32 or int64 first");
        }
    }

    // ND4J 1.0.0-M2.1 deprecates the enum constants INT and LONG, but INT32 and INT64 are only
    // aliases of them, so a switch must name the deprecated constants.
    @SuppressWarnings("deprecation")
    private static DataType djlType(org.nd4j.linalg.api.buffer.DataType type) {
        switch (type) {
            case FLOAT:
                return DataType.FLOAT32;
            case DOUBLE:
                return DataType.FLOAT64;
            case INT:
                return DataType.INT32;
            case LONG:
                return DataType.INT64;
            default:
                throw new IllegalArgumentException("cannot copy an ND4J " + type + " array to DJL; convert"
                        + " it to FLOAT, DOUBLE, INT32 or INT64 first");
        }
    }
}
