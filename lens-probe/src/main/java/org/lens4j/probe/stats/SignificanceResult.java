package org.lens4j.probe.stats;

/** Result of a significance test: a test statistic and its p-value. */
public interface SignificanceResult {

    /** Returns the test statistic; its meaning is documented by each test. */
    double statistic();

    /** Returns the p-value, in [0, 1]. */
    double pValue();

    /**
     * Returns whether the null hypothesis is rejected at significance level {@code alpha}, that is
     * whether {@code pValue() < alpha}.
     *
     * @param alpha significance level, in (0, 0.5]
     * @throws IllegalArgumentException if {@code alpha} is outside (0, 0.5] or NaN
     */
    default boolean reject(double alpha) {
        if (!(alpha > 0 && alpha <= 0.5)) {
            throw new IllegalArgumentException(
                    "alpha must be in (0, 0.5], got " + alpha + "; pass a level such as 0.05");
        }
        return pValue() < alpha;
    }
}
