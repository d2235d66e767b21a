package org.lens4j.core.checkpoint.internal;

/**
 * Conversions between float32 and the two 16-bit float formats.
 *
 * <p>bfloat16 is the upper half of a float32 (1 sign, 8 exponent, 7 mantissa bits). IEEE 754
 * binary16 has 1 sign, 5 exponent (bias 15) and 10 mantissa bits. Widening is exact for every
 * value, subnormals, infinities and NaN payloads included. Narrowing rounds to nearest, ties to
 * even, and overflows to infinity.
 */
public final class HalfFloats {

    private HalfFloats() {
    }

    /** Widens bfloat16 bits to the float32 of the same value. */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** Narrows a float32 to bfloat16 bits, rounding to nearest even; NaN stays a quiet NaN. */
    public static short floatToBf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        int lsb = (bits >>> 16) & 1;
        return (short) ((bits + 0x7FFF + lsb) >>> 16);
    }

    /** Widens IEEE binary16 bits to the float32 of the same value. */
    public static float f16ToFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F80_0000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // Zero or subnormal: mantissa × 2^-24, exact in float32 because mantissa < 2^10.
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** Narrows a float32 to IEEE binary16 bits, rounding to nearest even. */
    public static short floatToF16(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xFF;
        int mantissa = bits & 0x7F_FFFF;
        if (exponent == 0xFF) {
            int nan = mantissa == 0 ? 0 : 0x200 | (mantissa >>> 13);
            return (short) (sign | 0x7C00 | nan);
        }
        int halfExponent = exponent - 127 + 15;
        if (halfExponent >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (halfExponent <= 0) {
            return (short) (sign | subnormalF16(mantissa | 0x80_0000, 14 - halfExponent));
        }
        int half = (halfExponent << 10) | (mantissa >>> 13);
        int rest = mantissa & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
            half++; // a carry into the exponent is the correct next value, up to infinity
        }
        return (short) (sign | half);
    }

    /** Rounds {@code significand / 2^shift} to nearest even; the result may reach the smallest normal. */
    private static int subnormalF16(int significand, int shift) {
        if (shift > 24) {
            return 0; // below half of the smallest subnormal 2^-24
        }
        int quotient = significand >>> shift;
        int remainder = significand & ((1 << shift) - 1);
        int halfway = 1 << (shift - 1);
        if (remainder > halfway || (remainder == halfway && (quotient & 1) != 0)) {
            quotient++;
        }
        return quotient;
    }
}
