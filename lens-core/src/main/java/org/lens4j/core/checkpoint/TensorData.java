package org.lens4j.core.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import org.lens4j.core.checkpoint.internal.HalfFloats;

/**
 * One tensor to write: dtype, shape and its elements as little-endian bytes in row-major order.
 *
 * <pre>{@code
 * TensorData weight = TensorData.ofFloats(TensorDType.BF16, new long[] {2, 2}, new float[] {1, 2, 3, 4});
 * }</pre>
 *
 * @param dtype the stored dtype
 * @param shape the dimensions (empty for a scalar)
 * @param data the elements, {@code elements × dtype size} bytes, little-endian
 */
public record TensorData(TensorDType dtype, long[] shape, byte[] data) {

    /**
     * Validates the components and copies the arrays.
     *
     * @throws IllegalArgumentException when a dimension is negative or the byte count does not
     *     match shape and dtype
     */
    public TensorData {
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
        data = data.clone();
        long expected = byteCount(dtype, shape);
        if (expected != data.length) {
            throw new IllegalArgumentException("tensor data has " + data.length + " bytes but shape "
                    + Arrays.toString(shape) + " of " + dtype + " needs " + expected);
        }
    }

    /** Creates tensor data from stored little-endian bytes. */
    public static TensorData of(TensorDType dtype, long[] shape, byte[] littleEndianBytes) {
        return new TensorData(dtype, shape, littleEndianBytes);
    }

    /** Creates an F32 tensor. */
    public static TensorData ofFloats(long[] shape, float[] values) {
        return ofFloats(TensorDType.F32, shape, values);
    }

    /**
     * Creates a floating-point tensor of {@code dtype} from float32 values; F16 and BF16 round to
     * nearest even, F64 widens exactly.
     *
     * @throws IllegalArgumentException when {@code dtype} is not floating-point
     */
    public static TensorData ofFloats(TensorDType dtype, long[] shape, float[] values) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("dtype " + dtype + " is not floating-point; use ofLongs");
        }
        ByteBuffer bytes = allocate(dtype, values.length);
        for (float value : values) {
            switch (dtype) {
                case F32 -> bytes.putFloat(value);
                case F64 -> bytes.putDouble(value);
                case F16 -> bytes.putShort(HalfFloats.floatToF16(value));
                case BF16 -> bytes.putShort(HalfFloats.floatToBf16(value));
                default -> throw new AssertionError(dtype);
            }
        }
        return new TensorData(dtype, shape, bytes.array());
    }

    /** Creates an I64 tensor. */
    public static TensorData ofLongs(long[] shape, long[] values) {
        return ofLongs(TensorDType.I64, shape, values);
    }

    /**
     * Creates an integer or boolean tensor of {@code dtype} from int64 values.
     *
     * @throws IllegalArgumentException when {@code dtype} is floating-point or a value does not fit
     *     it (BOOL accepts 0 and 1)
     */
    public static TensorData ofLongs(TensorDType dtype, long[] shape, long[] values) {
        if (dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("dtype " + dtype + " is floating-point; use ofFloats");
        }
        ByteBuffer bytes = allocate(dtype, values.length);
        for (int i = 0; i < values.length; i++) {
            long value = values[i];
            checkRange(dtype, value, i);
            switch (dtype) {
                case I64 -> bytes.putLong(value);
                case I32 -> bytes.putInt((int) value);
                case I16 -> bytes.putShort((short) value);
                case I8, U8, BOOL -> bytes.put((byte) value);
                default -> throw new AssertionError(dtype);
            }
        }
        return new TensorData(dtype, shape, bytes.array());
    }

    /** Returns a copy of the shape. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Returns a copy of the stored bytes. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Returns a read-only little-endian view of the stored bytes, without copying. */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorData that && dtype == that.dtype
                && Arrays.equals(shape, that.shape) && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return dtype + Arrays.toString(shape) + " (" + data.length + " bytes)";
    }

    private static long byteCount(TensorDType dtype, long[] shape) {
        long bytes = dtype.byteSize();
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            bytes = Math.multiplyExact(bytes, dim);
        }
        return bytes;
    }

    private static ByteBuffer allocate(TensorDType dtype, int count) {
        return ByteBuffer.allocate(Math.multiplyExact(count, dtype.byteSize())).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void checkRange(TensorDType dtype, long value, int index) {
        long min;
        long max;
        switch (dtype) {
            case I32 -> { min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; }
            case I16 -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
            case I8 -> { min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; }
            case U8 -> { min = 0; max = 255; }
            case BOOL -> { min = 0; max = 1; }
            default -> { return; }
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("value " + value + " at index " + index + " does not fit "
                    + dtype + " [" + min + ", " + max + "]");
        }
    }
}
