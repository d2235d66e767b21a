package org.lens4j.probe.stats;

import java.util.Objects;

/**
 * Result of a {@link McNemarTest}.
 *
 * @param statistic {@code min(b, c)} for the exact test; the χ² statistic otherwise
 * @param pValue the two-sided p-value
 * @param firstOnlyCorrect {@code b}: items the first probe gets right and the second wrong
 * @param secondOnlyCorrect {@code c}: items the second probe gets right and the first wrong
 * @param method the method actually used, {@link McNemarTest.Method#EXACT} or
 *     {@link McNemarTest.Method#CHI_SQUARED}, never {@code AUTO}
 * @param continuityCorrection whether the χ² statistic used the continuity correction (false for
 *     the exact test)
 */
public record McNemarResult(
        double statistic,
        double pValue,
        int firstOnlyCorrect,
        int secondOnlyCorrect,
        McNemarTest.Method method,
        boolean continuityCorrection) implements SignificanceResult {

    /** Validates the components. */
    public McNemarResult {
        Objects.requireNonNull(method, "method");
        if (method == McNemarTest.Method.AUTO) {
            throw new IllegalArgumentException("a result names the method used, not AUTO");
        }
    }

    /** Returns the number of discordant pairs {@code b + c}. */
    public int discordantPairs() {
        return firstOnlyCorrect + secondOnlyCorrect;
    }
}
