package org.lens4j.core.store.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import org.lens4j.core.checkpoint.TensorDType;

/**
 * Names of dtypes in the store's {@code dtype} column, in NumPy {@code descr} strings and in
 * {@code torch} storage class names, plus element conversion from little-endian bytes.
 */
public final class DTypes {

    private DTypes() {
    }

    /** Returns the PyTorch-style name stored in the {@code dtype} column, such as "float32". */
    public static String name(TensorDType dtype) {
        switch (dtype) {
            case F64: return "float64";
            case F32: return "float32";
            case F16: return "float16";
            case BF16: return "bfloat16";
            case I64: return "int64";
            case I32: return "int32";
            case I16: return "int16";
            case I8: return "int8";
            case U8: return "uint8";
            case BOOL: return "bool";
            default: throw new AssertionError(dtype);
        }
    }

    /**
     * Parses a {@code dtype} column value written by {@link #name}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static TensorDType fromName(String name) {
        for (TensorDType dtype : TensorDType.values()) {
            if (name(dtype).equals(name.toLowerCase(Locale.ROOT))) {
                return dtype;
            }
        }
        throw new IllegalArgumentException("Unknown dtype '" + name
                + "'; expected float64, float32, float16, bfloat16, int64, int32, int16, int8,"
                + " uint8 or bool");
    }

    /** Returns the NumPy type code without byte order ("f4", "i8", "b1"...), or null for BF16. */
    static String numpyCode(TensorDType dtype) {
        switch (dtype) {
            case F64: return "f8";
            case F32: return "f4";
            case F16: return "f2";
            case I64: return "i8";
            case I32: return "i4";
            case I16: return "i2";
            case I8: return "i1";
            case U8: return "u1";
            case BOOL: return "b1";
            default: return null;
        }
    }

    /** Returns the dtype of a NumPy type code without byte order, or null if unsupported. */
    static TensorDType fromNumpyCode(String code) {
        for (TensorDType dtype : TensorDType.values()) {
            if (code.equals(numpyCode(dtype))) {
                return dtype;
            }
        }
        return null;
    }

    /** Returns the legacy storage class name torch pickles for a dtype, such as "FloatStorage". */
    static String torchStorage(TensorDType dtype) {
        switch (dtype) {
            case F64: return "DoubleStorage";
            case F32: return "FloatStorage";
            case F16: return "HalfStorage";
            case BF16: return "BFloat16Storage";
            case I64: return "LongStorage";
            case I32: return "IntStorage";
            case I16: return "ShortStorage";
            case I8: return "CharStorage";
            case U8: return "ByteStorage";
            case BOOL: return "BoolStorage";
            default: throw new AssertionError(dtype);
        }
    }

    /** Returns the dtype of a torch storage class name, or null if unsupported. */
    static TensorDType fromTorchStorage(String storageClass) {
        for (TensorDType dtype : TensorDType.values()) {
            if (storageClass.equals(torchStorage(dtype))) {
                return dtype;
            }
        }
        return null;
    }

    /** Converts little-endian elements to float32 (F16 and BF16 widened exactly). */
    public static float[] toFloats(TensorDType dtype, byte[] data) {
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int count = data.length / dtype.byteSize();
        float[] out = new float[count];
        if (dtype == TensorDType.F32) {
            buffer.asFloatBuffer().get(out);
            return out;
        }
        for (int i = 0; i < count; i++) {
            out[i] = (float) element(dtype, buffer, i);
        }
        return out;
    }

    /** Converts little-endian elements to float64. */
    public static double[] toDoubles(TensorDType dtype, byte[] data) {
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int count = data.length / dtype.byteSize();
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = element(dtype, buffer, i);
        }
        return out;
    }

    /** Converts little-endian integer or boolean elements to int64. */
    public static long[] toLongs(TensorDType dtype, byte[] data) {
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int count = data.length / dtype.byteSize();
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = integerElement(dtype, buffer, i);
        }
        return out;
    }

    private static double element(TensorDType dtype, ByteBuffer buffer, int index) {
        switch (dtype) {
            case F64: return buffer.getDouble(index * 8);
            case F32: return buffer.getFloat(index * 4);
            case F16: return halfToFloat(buffer.getShort(index * 2));
            case BF16: return Float.intBitsToFloat((buffer.getShort(index * 2) & 0xffff) << 16);
            default: return integerElement(dtype, buffer, index);
        }
    }

    private static long integerElement(TensorDType dtype, ByteBuffer buffer, int index) {
        switch (dtype) {
            case I64: return buffer.getLong(index * 8);
            case I32: return buffer.getInt(index * 4);
            case I16: return buffer.getShort(index * 2);
            case I8: return buffer.get(index);
            case U8: return buffer.get(index) & 0xff;
            case BOOL: return buffer.get(index) != 0 ? 1 : 0;
            default: throw new IllegalStateException("Not an integer dtype: " + name(dtype));
        }
    }

    /** Widens an IEEE 754 binary16 value exactly, including subnormals, infinities and NaN. */
    static float halfToFloat(short bits) {
        int sign = (bits >>> 15) & 1;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        float magnitude;
        if (exponent == 0) {
            magnitude = mantissa * 0x1p-24f;
        } else if (exponent == 0x1f) {
            magnitude = Float.intBitsToFloat(0x7f800000 | (mantissa << 13));
        } else {
            magnitude = Float.intBitsToFloat(((exponent - 15 + 127) << 23) | (mantissa << 13));
        }
        return sign == 1 ? -magnitude : magnitude;
    }
}
