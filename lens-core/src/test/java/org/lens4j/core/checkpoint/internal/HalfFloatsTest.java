package org.lens4j.core.checkpoint.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HalfFloatsTest {

    /**
     * IEEE 754 binary16 by its definition, in double arithmetic: (−1)^s × 2^(e−15) × (1 + m/1024)
     * for normal numbers, (−1)^s × 2^−14 × m/1024 for subnormals.
     */
    private static double f16Reference(int bits) {
        int sign = (bits >>> 15) & 1;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        double magnitude;
        if (exponent == 0x1F) {
            magnitude = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else if (exponent == 0) {
            magnitude = Math.scalb(mantissa / 1024.0, -14);
        } else {
            magnitude = Math.scalb(1 + mantissa / 1024.0, exponent - 15);
        }
        return sign == 1 ? -magnitude : magnitude;
    }

    @Test
    void f16WideningMatchesDefinitionForAllPatterns() {
        for (int bits = 0; bits < 0x10000; bits++) {
            double expected = f16Reference(bits);
            float actual = HalfFloats.f16ToFloat((short) bits);
            if (Double.isNaN(expected)) {
                assertTrue(Float.isNaN(actual), "pattern 0x" + Integer.toHexString(bits));
            } else {
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                        "pattern 0x" + Integer.toHexString(bits));
            }
        }
    }

    @Test
    void f16NarrowingInvertsWideningForAllNonNaNPatterns() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float value = HalfFloats.f16ToFloat((short) bits);
            if (!Float.isNaN(value)) {
                assertEquals(bits, HalfFloats.floatToF16(value) & 0xFFFF, "pattern 0x" + Integer.toHexString(bits));
            }
        }
    }

    @Test
    void bf16NarrowingInvertsWideningForAllNonNaNPatterns() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float value = HalfFloats.bf16ToFloat((short) bits);
            if (!Float.isNaN(value)) {
                assertEquals(bits, HalfFloats.floatToBf16(value) & 0xFFFF, "pattern 0x" + Integer.toHexString(bits));
            }
        }
    }

    @Test
    void nanStaysNanWhenNarrowed() {
        float nan = Float.intBitsToFloat(0x7F80_0001);
        assertTrue(Float.isNaN(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(nan))));
        assertTrue(Float.isNaN(HalfFloats.f16ToFloat(HalfFloats.floatToF16(nan))));
    }

    /**
     * Checks round-to-nearest-even against the two neighbouring representable values: the result
     * is at least as close as either, and on a tie its last mantissa bit is 0.
     */
    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L, 42L, 20240601L})
    void f16NarrowingRoundsToNearestEven(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 20_000; i++) {
            float value = (float) (random.nextDouble(-70_000, 70_000) * Math.pow(2, -random.nextInt(30)));
            checkNearestEven(value, HalfFloats.floatToF16(value), true, seed);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L, 42L, 20240601L})
    void bf16NarrowingRoundsToNearestEven(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 20_000; i++) {
            float value = Float.intBitsToFloat(random.nextInt());
            if (!Float.isFinite(value)) {
                continue;
            }
            checkNearestEven(value, HalfFloats.floatToBf16(value), false, seed);
        }
    }

    private static void checkNearestEven(float value, short rounded, boolean f16, long seed) {
        double result = widen(rounded, f16);
        if (Double.isInfinite(result)) {
            double max = widen((short) ((rounded & 0x8000) | (f16 ? 0x7BFF : 0x7F7F)), f16);
            assertTrue(Math.abs(value) >= Math.abs(max), "seed " + seed + ": " + value + " overflowed");
            return;
        }
        double error = Math.abs(value - result);
        for (int step : new int[] {-1, 1}) {
            int neighbour = (rounded & 0x7FFF) + step;
            if (neighbour < 0 || neighbour > (f16 ? 0x7BFF : 0x7F7F)) {
                continue;
            }
            double other = widen((short) ((rounded & 0x8000) | neighbour), f16);
            double otherError = Math.abs(value - other);
            assertTrue(error <= otherError, "seed " + seed + ": " + value + " rounded to " + result + ", " + other + " is closer");
            if (error == otherError) {
                assertEquals(0, rounded & 1, "seed " + seed + ": tie at " + value + " not rounded to even");
            }
        }
    }

    private static double widen(short bits, boolean f16) {
        return f16 ? HalfFloats.f16ToFloat(bits) : HalfFloats.bf16ToFloat(bits);
    }
}
