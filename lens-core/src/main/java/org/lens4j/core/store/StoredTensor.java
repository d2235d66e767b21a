package org.lens4j.core.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import org.lens4j.core.checkpoint.TensorDType;
import org.lens4j.core.store.internal.DTypes;
import org.lens4j.core.store.internal.Shapes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tensor on the Java heap: dtype, shape and the elements as little-endian bytes in C (row-major)
 * order. It is the value one {@code tensor} blob of a {@link FeatureStore} encodes.
 *
 * <p>Instances are immutable. Every factory copies its input array and every accessor returns a
 * copy, so a caller may reuse one buffer for many rows.
 *
 * <pre>{@code
 * StoredTensor t = StoredTensor.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
 * t.shape();          // [2, 3]
 * t.toFloatArray();   // [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
 * }</pre>
 */
public final class StoredTensor {

    private final TensorDType dtype;
    private final long[] shape;
    private final byte[] data;

    private StoredTensor(TensorDType dtype, long[] shape, byte[] data) {
        this.dtype = dtype;
        this.shape = shape;
        this.data = data;
    }

    /**
     * Creates a tensor from raw little-endian element bytes.
     *
     * @throws IllegalArgumentException if a dimension is negative or the byte count does not equal
     *     the element count times the dtype's size
     */
    public static StoredTensor of(TensorDType dtype, long[] shape, byte[] littleEndianData) {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(littleEndianData, "littleEndianData");
        long[] checkedShape = Shapes.checked(shape);
        long expectedBytes = Shapes.numel(checkedShape) * dtype.byteSize();
        if (expectedBytes != littleEndianData.length) {
            throw new IllegalArgumentException("Tensor data has " + littleEndianData.length
                    + " bytes but shape " + Arrays.toString(checkedShape) + " of "
                    + DTypes.name(dtype) + " needs " + expectedBytes + " bytes");
        }
        return new StoredTensor(dtype, checkedShape, littleEndianData.clone());
    }

    /**
     * Creates a float32 tensor; {@code values} is copied.
     *
     * @throws IllegalArgumentException if {@code values.length} differs from the product of
     *     {@code shape}
     */
    public static StoredTensor ofFloats(float[] values, long... shape) {
        long[] checkedShape = checkCount(values.length, shape);
        ByteBuffer buffer = allocate(values.length, Float.BYTES);
        buffer.asFloatBuffer().put(values);
        return new StoredTensor(TensorDType.F32, checkedShape, buffer.array());
    }

    /** Creates a float64 tensor; {@code values} is copied. */
    public static StoredTensor ofDoubles(double[] values, long... shape) {
        long[] checkedShape = checkCount(values.length, shape);
        ByteBuffer buffer = allocate(values.length, Double.BYTES);
        buffer.asDoubleBuffer().put(values);
        return new StoredTensor(TensorDType.F64, checkedShape, buffer.array());
    }

    /** Creates an int64 tensor; {@code values} is copied. */
    public static StoredTensor ofLongs(long[] values, long... shape) {
        long[] checkedShape = checkCount(values.length, shape);
        ByteBuffer buffer = allocate(values.length, Long.BYTES);
        buffer.asLongBuffer().put(values);
        return new StoredTensor(TensorDType.I64, checkedShape, buffer.array());
    }

    /**
     * Copies an ND4J array in C order. FLOAT, HALF and BFLOAT16 arrays become float32, DOUBLE
     * becomes float64, and LONG, INT, SHORT, BYTE and UBYTE become int64.
     *
     * @throws IllegalArgumentException for any other ND4J data type
     */
    public static StoredTensor of(INDArray array) {
        Objects.requireNonNull(array, "array");
        long[] shape = array.shape();
        DataType type = array.dataType();
        INDArray flat = array.dup('c').reshape(new long[] {array.length()});
        switch (type) {
            case FLOAT:
            case HALF:
            case BFLOAT16:
                return ofFloats(flat.toFloatVector(), shape);
            case DOUBLE:
                return ofDoubles(flat.toDoubleVector(), shape);
            case LONG:
            case INT:
            case SHORT:
            case BYTE:
            case UBYTE:
                return ofLongs(flat.toLongVector(), shape);
            default:
                throw new IllegalArgumentException("Unsupported ND4J data type " + type
                        + "; convert the array to FLOAT, DOUBLE or LONG first");
        }
    }

    /** Returns the element type. */
    public TensorDType dtype() {
        return dtype;
    }

    /** Returns a copy of the shape; empty for a 0-D tensor. */
    public long[] shape() {
        return shape.clone();
    }

    /** Returns the number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Returns the number of elements (1 for a 0-D tensor). */
    public long numel() {
        return Shapes.numel(shape);
    }

    /** Returns a copy of the element bytes, little-endian, in C order. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** Returns the size of the element data in bytes. */
    public int byteLength() {
        return data.length;
    }

    /**
     * Returns the elements as float32. F16 and BF16 are widened exactly, F64 is rounded to the
     * nearest float, and integers and booleans are converted.
     */
    public float[] toFloatArray() {
        return DTypes.toFloats(dtype, data);
    }

    /** Returns the elements as float64; every dtype converts exactly. */
    public double[] toDoubleArray() {
        return DTypes.toDoubles(dtype, data);
    }

    /**
     * Returns the elements of an integer or boolean tensor as int64.
     *
     * @throws IllegalStateException if the dtype is floating point
     */
    public long[] toLongArray() {
        if (dtype.isFloatingPoint()) {
            throw new IllegalStateException("Tensor of dtype " + DTypes.name(dtype)
                    + " has no exact int64 values; use toFloatArray() or toDoubleArray()");
        }
        return DTypes.toLongs(dtype, data);
    }

    /**
     * Copies the tensor into a new ND4J array of the same shape: float64 stays DOUBLE, integer and
     * boolean tensors become LONG, every other dtype becomes FLOAT. The caller owns the array.
     */
    public INDArray toINDArray() {
        if (dtype == TensorDType.F64) {
            return Nd4j.create(toDoubleArray(), shape, 'c');
        }
        if (!dtype.isFloatingPoint()) {
            return Nd4j.createFromArray(toLongArray()).reshape('c', shape);
        }
        return Nd4j.create(toFloatArray(), shape, 'c');
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof StoredTensor)) {
            return false;
        }
        StoredTensor that = (StoredTensor) other;
        return dtype == that.dtype && Arrays.equals(shape, that.shape)
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "StoredTensor[" + DTypes.name(dtype) + ", shape=" + Arrays.toString(shape) + "]";
    }

    private static long[] checkCount(int count, long[] shape) {
        long[] checkedShape = Shapes.checked(shape);
        if (Shapes.numel(checkedShape) != count) {
            throw new IllegalArgumentException("Tensor has " + count + " values but shape "
                    + Arrays.toString(checkedShape) + " needs " + Shapes.numel(checkedShape));
        }
        return checkedShape;
    }

    private static ByteBuffer allocate(int count, int elementBytes) {
        return ByteBuffer.allocate(Math.multiplyExact(count, elementBytes))
                .order(ByteOrder.LITTLE_ENDIAN);
    }
}
