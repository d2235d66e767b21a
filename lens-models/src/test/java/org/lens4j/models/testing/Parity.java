package org.lens4j.models.testing;

import java.util.Arrays;

/** Relative L2 comparison of a capture with a golden tensor, with a readable failure message. */
public final class Parity {

    private Parity() {
    }

    /** Returns {@code ‖actual − expected‖₂ / ‖expected‖₂} over the positions where {@code keep} is true. */
    public static double relativeError(float[] actual, float[] expected, boolean[] keep) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            if (keep != null && !keep[i]) {
                continue;
            }
            double d = (double) actual[i] - expected[i];
            diff += d * d;
            norm += (double) expected[i] * expected[i];
        }
        return norm == 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
    }

    /** Describes the first element that differs by more than {@code atol + rtol·|expected|}. */
    public static String firstMismatch(String module, long[] shape, float[] actual, float[] expected, boolean[] keep) {
        double worstScale = 0;
        for (float e : expected) {
            worstScale = Math.max(worstScale, Math.abs(e));
        }
        double atol = 1e-4 * worstScale;
        for (int i = 0; i < expected.length; i++) {
            if (keep != null && !keep[i]) {
                continue;
            }
            if (!(Math.abs(actual[i] - expected[i]) <= atol + 1e-4 * Math.abs(expected[i]))) {
                return module + " " + Arrays.toString(shape) + ": first mismatch at " + Arrays.toString(unravel(i, shape))
                        + " expected " + expected[i] + " actual " + actual[i];
            }
        }
        return module + " " + Arrays.toString(shape) + ": no single element is off by more than 1e-4 of the max";
    }

    private static long[] unravel(long flat, long[] shape) {
        long[] index = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}
