package org.lens4j.probe.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.lens4j.probe.stats.internal.Checks;

/**
 * Wilson score interval for a binomial proportion such as a probe's test accuracy.
 *
 * <p>With {@code p = x / n} and {@code z} the standard normal quantile at
 * {@code 1 - (1 - level) / 2},
 * <pre>
 *     centre    = (p + z² / (2n)) / (1 + z² / n)
 *     halfWidth = z sqrt(p (1 - p) / n + z² / (4n²)) / (1 + z² / n)
 * </pre>
 * and the interval is {@code [centre - halfWidth, centre + halfWidth]}, clamped to [0, 1] against
 * rounding. Unlike the Wald interval it has sensible coverage at accuracies near 0 or 1 and never
 * collapses to a point. Reference: E. B. Wilson, "Probable inference, the law of succession, and
 * statistical inference", JASA 22 (1927) 209–212; L. D. Brown, T. T. Cai and A. DasGupta,
 * "Interval Estimation for a Binomial Proportion", Statistical Science 16 (2001) 101–133.
 *
 * <pre>{@code
 * ConfidenceInterval ci = WilsonInterval.withDefaults().interval(172, 200);  // accuracy 0.86
 * }</pre>
 */
public final class WilsonInterval {

    /** Default confidence level. */
    public static final double DEFAULT_CONFIDENCE_LEVEL = 0.95;

    private static final WilsonInterval DEFAULTS = new WilsonInterval(DEFAULT_CONFIDENCE_LEVEL);

    private final double confidenceLevel;

    private WilsonInterval(double confidenceLevel) {
        this.confidenceLevel = confidenceLevel;
    }

    /** Returns a 95 % interval. */
    public static WilsonInterval withDefaults() {
        return DEFAULTS;
    }

    /**
     * Returns a copy with the given confidence level.
     *
     * @throws IllegalArgumentException if {@code level} is outside (0, 1) or NaN
     */
    public WilsonInterval withConfidenceLevel(double level) {
        return new WilsonInterval(Checks.confidenceLevel(level));
    }

    /** Returns the confidence level. */
    public double confidenceLevel() {
        return confidenceLevel;
    }

    /**
     * Computes the interval for {@code successes} out of {@code trials}.
     *
     * @throws IllegalArgumentException if {@code trials < 1} or {@code successes} is outside
     *     [0, trials]
     */
    public ConfidenceInterval interval(int successes, int trials) {
        if (trials < 1) {
            throw new IllegalArgumentException(
                    "trials must be at least 1, got " + trials + "; an accuracy needs test items");
        }
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException("successes must be in [0, " + trials + "], got "
                    + successes);
        }
        double z = new NormalDistribution(null, 0, 1)
                .inverseCumulativeProbability(1 - (1 - confidenceLevel) / 2);
        double n = trials;
        double p = successes / n;

        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double halfWidth = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;

        return new ConfidenceInterval(Math.max(0.0, centre - halfWidth),
                Math.min(1.0, centre + halfWidth), confidenceLevel);
    }
}
