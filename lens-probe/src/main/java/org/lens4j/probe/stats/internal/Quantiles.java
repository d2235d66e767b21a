package org.lens4j.probe.stats.internal;

/** Quantiles of sorted samples. */
public final class Quantiles {

    private Quantiles() {
    }

    /**
     * Returns the {@code q}-quantile of an ascending array by linear interpolation between the
     * order statistics at positions {@code floor(h)} and {@code ceil(h)}, {@code h = (n - 1) q}
     * (Hyndman &amp; Fan 1996, definition 7; the default of R's {@code quantile} and NumPy's
     * {@code percentile}).
     *
     * @param sorted non-empty ascending array
     * @param q probability in [0, 1]
     */
    public static double linear(double[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("cannot take a quantile of an empty sample");
        }
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile probability must be in [0, 1], got " + q);
        }
        double h = (sorted.length - 1) * q;
        int below = (int) Math.floor(h);
        int above = Math.min(below + 1, sorted.length - 1);
        double weight = h - below;
        return sorted[below] + weight * (sorted[above] - sorted[below]);
    }
}
