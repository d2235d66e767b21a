package org.lens4j.probe.stats;

import java.util.Objects;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.special.Erf;
import org.lens4j.probe.stats.internal.Checks;
import org.lens4j.probe.stats.internal.Counting;

/**
 * McNemar's test of whether two classifiers evaluated on the same test items have the same
 * accuracy.
 *
 * <p>Only discordant items carry information: {@code b} items that the first probe gets right and
 * the second wrong, {@code c} the reverse. Under the null hypothesis each discordant item is
 * equally likely to fall on either side, so {@code b ~ Binomial(b + c, 1/2)}.
 * <ul>
 *   <li><b>Exact</b>: {@code p = min(1, 2 P(X <= min(b, c)))} with {@code X ~ Binomial(b + c, 1/2)},
 *       and {@code p = 1} when {@code b + c = 0}.</li>
 *   <li><b>χ²</b> with continuity correction: {@code X² = max(0, |b - c| - 1)² / (b + c)},
 *       {@code p = P(χ²₁ >= X²) = erfc(sqrt(X² / 2))}; without correction
 *       {@code X² = (b - c)² / (b + c)}.</li>
 * </ul>
 * {@link Method#AUTO} (the default) uses the exact test when {@code b + c} is below
 * {@link #exactThreshold()} (default {@value #DEFAULT_EXACT_THRESHOLD}) and the corrected χ²
 * test otherwise. Reference: Q. McNemar, "Note on the sampling error of the difference between
 * correlated proportions or percentages", Psychometrika 12 (1947) 153–157; A. Agresti,
 * Categorical Data Analysis, 3rd ed. (2013), section 11.1.
 *
 * <p>Unlike a two-proportion z-test this accounts for the pairing of predictions on the same
 * items, which is why a layer sweep compares main and control probes with it.
 *
 * @implNote The corrected statistic is clamped at 0 when {@code b = c}, so the p-value is then 1.
 *     R's {@code mcnemar.test} and statsmodels' {@code mcnemar} do not clamp and return
 *     {@code 1 / (b + c)} as the statistic in that case.
 */
public final class McNemarTest {

    /** How the p-value is computed. */
    public enum Method {
        /** Exact below the threshold of discordant pairs, corrected χ² at or above it. */
        AUTO,
        /** Exact two-sided binomial test on the discordant pairs. */
        EXACT,
        /** χ² test with one degree of freedom. */
        CHI_SQUARED
    }

    /** Default number of discordant pairs from which {@link Method#AUTO} uses the χ² test. */
    public static final int DEFAULT_EXACT_THRESHOLD = 25;

    private static final McNemarTest DEFAULTS =
            new McNemarTest(Method.AUTO, DEFAULT_EXACT_THRESHOLD, true);

    private final Method method;
    private final int exactThreshold;
    private final boolean continuityCorrection;

    private McNemarTest(Method method, int exactThreshold, boolean continuityCorrection) {
        this.method = method;
        this.exactThreshold = exactThreshold;
        this.continuityCorrection = continuityCorrection;
    }

    /**
     * Returns a test with method {@link Method#AUTO}, threshold
     * {@value #DEFAULT_EXACT_THRESHOLD} and continuity correction.
     */
    public static McNemarTest withDefaults() {
        return DEFAULTS;
    }

    /** Returns a copy using {@code method}. */
    public McNemarTest withMethod(Method method) {
        return new McNemarTest(Objects.requireNonNull(method, "method"), exactThreshold,
                continuityCorrection);
    }

    /**
     * Returns a copy whose {@link Method#AUTO} uses the exact test below {@code pairs} discordant
     * pairs.
     *
     * @throws IllegalArgumentException if {@code pairs < 1}
     */
    public McNemarTest withExactThreshold(int pairs) {
        return new McNemarTest(method, Checks.atLeast("exactThreshold", pairs, 1),
                continuityCorrection);
    }

    /** Returns a copy with the χ² continuity correction switched on or off. */
    public McNemarTest withContinuityCorrection(boolean correction) {
        return new McNemarTest(method, exactThreshold, correction);
    }

    /** Returns the configured method. */
    public Method method() {
        return method;
    }

    /** Returns the number of discordant pairs from which {@link Method#AUTO} uses χ². */
    public int exactThreshold() {
        return exactThreshold;
    }

    /** Returns whether the χ² statistic is continuity-corrected. */
    public boolean continuityCorrection() {
        return continuityCorrection;
    }

    /**
     * Tests predictions of two probes against the same labels.
     *
     * @throws IllegalArgumentException if an array is empty or the lengths differ
     */
    public McNemarResult test(int[] labels, int[] firstPredictions, int[] secondPredictions) {
        return test(Counting.correct(labels, firstPredictions, "firstPredictions"),
                Counting.correct(labels, secondPredictions, "secondPredictions"));
    }

    /**
     * Tests per-item correctness of two probes on the same items.
     *
     * @throws IllegalArgumentException if an array is empty or the lengths differ
     */
    public McNemarResult test(boolean[] firstCorrect, boolean[] secondCorrect) {
        Checks.notEmpty("firstCorrect", firstCorrect);
        Checks.notEmpty("secondCorrect", secondCorrect);
        Checks.sameLength("firstCorrect", firstCorrect.length, "secondCorrect",
                secondCorrect.length);
        int firstOnly = 0;
        int secondOnly = 0;
        for (int i = 0; i < firstCorrect.length; i++) {
            if (firstCorrect[i] && !secondCorrect[i]) {
                firstOnly++;
            } else if (secondCorrect[i] && !firstCorrect[i]) {
                secondOnly++;
            }
        }
        return test(firstOnly, secondOnly);
    }

    /**
     * Tests from the discordant counts.
     *
     * @param firstOnlyCorrect {@code b}, at least 0
     * @param secondOnlyCorrect {@code c}, at least 0
     * @throws IllegalArgumentException if a count is negative
     */
    public McNemarResult test(int firstOnlyCorrect, int secondOnlyCorrect) {
        Checks.atLeast("firstOnlyCorrect", firstOnlyCorrect, 0);
        Checks.atLeast("secondOnlyCorrect", secondOnlyCorrect, 0);
        int discordant = firstOnlyCorrect + secondOnlyCorrect;
        boolean exact = method == Method.EXACT
                || (method == Method.AUTO && discordant < exactThreshold);

        if (exact) {
            int smaller = Math.min(firstOnlyCorrect, secondOnlyCorrect);
            return new McNemarResult(smaller, exactPValue(smaller, discordant),
                    firstOnlyCorrect, secondOnlyCorrect, Method.EXACT, false);
        }
        double statistic = chiSquared(firstOnlyCorrect, secondOnlyCorrect);
        double pValue = discordant == 0 ? 1.0 : Erf.erfc(Math.sqrt(statistic / 2));
        return new McNemarResult(statistic, pValue, firstOnlyCorrect, secondOnlyCorrect,
                Method.CHI_SQUARED, continuityCorrection);
    }

    private static double exactPValue(int smaller, int discordant) {
        if (discordant == 0) {
            return 1.0;
        }
        BinomialDistribution binomial = new BinomialDistribution(null, discordant, 0.5);
        return Math.min(1.0, 2 * binomial.cumulativeProbability(smaller));
    }

    private double chiSquared(int firstOnly, int secondOnly) {
        int discordant = firstOnly + secondOnly;
        if (discordant == 0) {
            return 0.0;
        }
        double difference = Math.abs(firstOnly - secondOnly);
        if (continuityCorrection) {
            difference = Math.max(0.0, difference - 1);
        }
        return difference * difference / discordant;
    }
}
