package org.lens4j.probe.stats;

import java.util.Objects;

/**
 * Result of a {@link TwoProportionZTest}.
 *
 * @param statistic {@code z}; 0 when the pooled variance is 0
 * @param pValue the p-value for {@code alternative}
 * @param firstProportion {@code x1 / n1}
 * @param secondProportion {@code x2 / n2}
 * @param pooledProportion {@code (x1 + x2) / (n1 + n2)}
 * @param alternative the direction tested
 */
public record ZTestResult(
        double statistic,
        double pValue,
        double firstProportion,
        double secondProportion,
        double pooledProportion,
        AlternativeHypothesis alternative) implements SignificanceResult {

    /** Validates the components. */
    public ZTestResult {
        Objects.requireNonNull(alternative, "alternative");
    }

    /** Returns whether the pooled variance was 0, so that {@code z} is 0 by convention. */
    public boolean degenerate() {
        return pooledProportion == 0.0 || pooledProportion == 1.0;
    }
}
