package org.lens4j.probe.stats;

import java.util.Objects;
import org.apache.commons.math3.special.Erf;
import org.lens4j.probe.stats.internal.Checks;
import org.lens4j.probe.stats.internal.Counting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pooled two-proportion z-test, kept only so that results can be compared with tools that report
 * it for a main probe against a control probe.
 *
 * <p>With {@code p1 = x1 / n1}, {@code p2 = x2 / n2} and the pooled {@code p = (x1 + x2) / (n1 + n2)},
 * <pre>    z = (p1 - p2) / sqrt(p (1 - p) (1 / n1 + 1 / n2))</pre>
 * and the p-value is {@code erfc(|z| / sqrt 2)} two-sided, {@code P(Z >= z)} for
 * {@link AlternativeHypothesis#GREATER_THAN} and {@code P(Z <= z)} for
 * {@link AlternativeHypothesis#LESS_THAN}. This is statsmodels' {@code proportions_ztest} with its
 * default pooled variance.
 *
 * <p><b>The test assumes the two proportions come from independent samples.</b> Two probes scored
 * on the same test items are paired, and their accuracies are correlated, so this p-value is not
 * valid for them; use {@link McNemarTest} for that comparison.
 *
 * <p>When the pooled proportion is 0 or 1 (both accuracies are 0.0, or both 1.0) the variance is 0
 * and z is undefined. The test then reports {@code z = 0} and {@code p = 1}, since the two
 * proportions are equal, and logs a warning instead of returning NaN.
 */
public final class TwoProportionZTest {

    private static final Logger LOG = LoggerFactory.getLogger(TwoProportionZTest.class);

    private static final double SQRT2 = Math.sqrt(2.0);

    private static final TwoProportionZTest DEFAULTS =
            new TwoProportionZTest(AlternativeHypothesis.TWO_SIDED);

    private final AlternativeHypothesis alternative;

    private TwoProportionZTest(AlternativeHypothesis alternative) {
        this.alternative = alternative;
    }

    /** Returns a two-sided test. */
    public static TwoProportionZTest withDefaults() {
        return DEFAULTS;
    }

    /** Returns a copy testing {@code alternative}. */
    public TwoProportionZTest withAlternative(AlternativeHypothesis alternative) {
        return new TwoProportionZTest(Objects.requireNonNull(alternative, "alternative"));
    }

    /** Returns the alternative hypothesis. */
    public AlternativeHypothesis alternative() {
        return alternative;
    }

    /**
     * Compares the accuracies of two probes' predictions against the same labels, as if they were
     * independent samples (see the class description).
     *
     * @throws IllegalArgumentException if an array is empty, the lengths differ, or the labels
     *     contain a single class
     */
    public ZTestResult test(int[] labels, int[] firstPredictions, int[] secondPredictions) {
        boolean[] first = Counting.correct(labels, firstPredictions, "firstPredictions");
        boolean[] second = Counting.correct(labels, secondPredictions, "secondPredictions");
        if (Counting.distinct(labels) < 2) {
            throw new IllegalArgumentException("labels contain the single class " + labels[0]
                    + "; accuracy against one class says nothing about a probe,"
                    + " so evaluate on test items of at least two classes");
        }
        return test(Counting.count(first), first.length, Counting.count(second), second.length);
    }

    /**
     * Compares {@code x1} successes out of {@code n1} with {@code x2} out of {@code n2}.
     *
     * @throws IllegalArgumentException if a trial count is below 1 or a success count is outside
     *     [0, trials]
     */
    public ZTestResult test(int x1, int n1, int x2, int n2) {
        checkCounts("first", x1, n1);
        checkCounts("second", x2, n2);
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double pooled = (double) (x1 + x2) / ((long) n1 + n2);

        double variance = pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2);
        if (!(variance > 0)) {
            LOG.warn("Two-proportion z-test: pooled proportion {} has zero variance (both"
                    + " proportions are {}), so z is undefined; reporting z = 0 and p = 1",
                    pooled, p1);
            return new ZTestResult(0.0, 1.0, p1, p2, pooled, alternative);
        }
        double z = (p1 - p2) / Math.sqrt(variance);

        return new ZTestResult(z, pValue(z), p1, p2, pooled, alternative);
    }

    private double pValue(double z) {
        return switch (alternative) {
            case TWO_SIDED -> Erf.erfc(Math.abs(z) / SQRT2);
            case GREATER_THAN -> 0.5 * Erf.erfc(z / SQRT2);
            case LESS_THAN -> 0.5 * Erf.erfc(-z / SQRT2);
        };
    }

    private static void checkCounts(String sampleName, int successes, int trials) {
        if (trials < 1) {
            throw new IllegalArgumentException(
                    "the " + sampleName + " sample has " + trials + " trials; it needs at least 1");
        }
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException("the " + sampleName + " sample has " + successes
                    + " successes out of " + trials + " trials; successes must be in [0, trials]");
        }
    }
}
