package org.lens4j.core.checkpoint.internal;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import org.lens4j.core.checkpoint.TensorDType;

/**
 * Converts stored little-endian elements into float32, int64 or boolean destinations.
 *
 * <p>Every method reads {@code source} from its position to its limit (a whole number of
 * elements) and advances the destination by the number of elements read. Same-type copies (F32
 * to float32, I64 to int64) are bulk buffer copies; the rest are primitive loops.
 */
public final class ElementConversions {

    private ElementConversions() {
    }

    /** Converts elements of any supported dtype to float32; BOOL becomes 0 or 1. */
    public static void toFloats(TensorDType dtype, ByteBuffer source, FloatBuffer target) {
        switch (dtype) {
            case F32 -> target.put(source.asFloatBuffer());
            case BF16 -> widenBf16(source.asShortBuffer(), target);
            case F16 -> widenF16(source.asShortBuffer(), target);
            case F64 -> narrowF64(source.asDoubleBuffer(), target);
            case I64 -> {
                LongBuffer values = source.asLongBuffer();
                for (int i = 0; i < values.limit(); i++) {
                    target.put(values.get(i));
                }
            }
            case I32 -> {
                IntBuffer values = source.asIntBuffer();
                for (int i = 0; i < values.limit(); i++) {
                    target.put(values.get(i));
                }
            }
            case I16 -> {
                ShortBuffer values = source.asShortBuffer();
                for (int i = 0; i < values.limit(); i++) {
                    target.put(values.get(i));
                }
            }
            case I8 -> {
                for (int i = source.position(); i < source.limit(); i++) {
                    target.put(source.get(i));
                }
            }
            case U8 -> {
                for (int i = source.position(); i < source.limit(); i++) {
                    target.put(source.get(i) & 0xFF);
                }
            }
            case BOOL -> {
                for (int i = source.position(); i < source.limit(); i++) {
                    target.put(source.get(i) == 0 ? 0f : 1f);
                }
            }
        }
    }

    /**
     * Converts integer or boolean elements to int64 (signed types sign-extended, U8 and BOOL
     * zero-extended).
     *
     * @throws IllegalArgumentException for floating-point dtypes
     */
    public static void toLongs(TensorDType dtype, ByteBuffer source, LongBuffer target) {
        switch (dtype) {
            case I64 -> target.put(source.asLongBuffer());
            case I32 -> {
                IntBuffer values = source.asIntBuffer();
                for (int i = 0; i < values.limit(); i++) {
                    target.put(values.get(i));
                }
            }
            case I16 -> {
                ShortBuffer values = source.asShortBuffer();
                for (int i = 0; i < values.limit(); i++) {
                    target.put(values.get(i));
                }
            }
            case I8 -> {
                for (int i = source.position(); i < source.limit(); i++) {
                    target.put(source.get(i));
                }
            }
            case U8 -> {
                for (int i = source.position(); i < source.limit(); i++) {
                    target.put(source.get(i) & 0xFF);
                }
            }
            case BOOL -> {
                for (int i = source.position(); i < source.limit(); i++) {
                    target.put(source.get(i) == 0 ? 0L : 1L);
                }
            }
            default -> throw new IllegalArgumentException(
                    "cannot convert dtype " + dtype + " to int64: it is a floating-point type; read it as floats");
        }
    }

    /** Converts elements to booleans stored as bytes 0 or 1; any non-zero element is true. */
    public static void toBooleans(TensorDType dtype, ByteBuffer source, ByteBuffer target) {
        if (dtype != TensorDType.BOOL) {
            throw new IllegalArgumentException("cannot convert dtype " + dtype + " to boolean: only BOOL tensors load as boolean");
        }
        for (int i = source.position(); i < source.limit(); i++) {
            target.put(source.get(i) == 0 ? (byte) 0 : (byte) 1);
        }
    }

    private static void widenBf16(ShortBuffer values, FloatBuffer target) {
        for (int i = 0; i < values.limit(); i++) {
            target.put(HalfFloats.bf16ToFloat(values.get(i)));
        }
    }

    private static void widenF16(ShortBuffer values, FloatBuffer target) {
        for (int i = 0; i < values.limit(); i++) {
            target.put(HalfFloats.f16ToFloat(values.get(i)));
        }
    }

    private static void narrowF64(DoubleBuffer values, FloatBuffer target) {
        for (int i = 0; i < values.limit(); i++) {
            target.put((float) values.get(i));
        }
    }
}
