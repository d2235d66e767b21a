package org.lens4j.probe.model.internal;

/**
 * The exact GELU {@code x · Φ(x)} and its derivative {@code Φ(x) + x · φ(x)} on float arrays.
 *
 * <p>{@code erfc} uses the rational Chebyshev fit {@code erfcc} of Numerical Recipes in C (Press
 * et al., 2nd ed., section 6.2), whose fractional error is below 1.2e-7 everywhere, finer than the
 * float32 resolution of the results.
 */
public final class Gelu {

    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double INV_SQRT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);

    private Gelu() {
    }

    /** Returns {@code Φ(x)}, the standard normal distribution function. */
    public static double phi(double x) {
        return 0.5 * erfc(-x * SQRT_HALF);
    }

    /** Returns {@code gelu(x) = x · Φ(x)}. */
    public static double value(double x) {
        return x * phi(x);
    }

    /** Returns {@code gelu'(x) = Φ(x) + x · φ(x)} with {@code φ} the standard normal density. */
    public static double derivative(double x) {
        return phi(x) + x * INV_SQRT_TWO_PI * Math.exp(-0.5 * x * x);
    }

    /** Returns the complementary error function. */
    public static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double polynomial = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277))))))));
        double result = t * Math.exp(polynomial);
        return x >= 0 ? result : 2 - result;
    }
}
