package org.lens4j.probe.stats;

/**
 * A two-sided confidence interval.
 *
 * @param lower lower bound
 * @param upper upper bound, at least {@code lower}
 * @param confidenceLevel nominal coverage, in (0, 1)
 */
public record ConfidenceInterval(double lower, double upper, double confidenceLevel) {

    /** Validates the bounds and the level. */
    public ConfidenceInterval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException(
                    "lower bound " + lower + " must not exceed upper bound " + upper);
        }
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException(
                    "confidenceLevel must be in (0, 1), got " + confidenceLevel);
        }
    }

    /** Returns whether {@code value} lies in the closed interval. */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }

    /** Returns {@code upper - lower}. */
    public double width() {
        return upper - lower;
    }
}
