package org.lens4j.probe.stats;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.lens4j.probe.stats.internal.Checks;
import org.lens4j.probe.stats.internal.Counting;
import org.lens4j.probe.stats.internal.Quantiles;

/**
 * Selectivity of a probe: its test accuracy minus the accuracy of a control probe on the same test
 * items, with a bootstrap percentile interval.
 *
 * <p>Selectivity separates what the features encode from what the probe can memorise: a probe that
 * reaches high accuracy on shuffled or control-task labels too has low selectivity. Reference:
 * J. Hewitt and P. Liang, "Designing and Interpreting Probes with Control Tasks", EMNLP 2019.
 *
 * <p>The interval resamples whole groups of test items with replacement (a cluster bootstrap), so
 * several items from one image move together; without group ids each item is its own group. For
 * resample {@code r} with drawn groups {@code G_r},
 * <pre>    s_r = (sum over G_r of main correct - sum over G_r of control correct) / (items in G_r)</pre>
 * and the interval is the pair of linear-interpolation quantiles of {@code s_1 … s_B} at
 * {@code (1 - level) / 2} and {@code (1 + level) / 2} (B. Efron and R. Tibshirani, An Introduction
 * to the Bootstrap, 1993, chapter 13). Main and control are resampled together because they score
 * the same items.
 *
 * <pre>{@code
 * SelectivityResult s = Selectivity.withDefaults().withSeed(3)
 *         .estimate(mainCorrect, controlCorrect, imageIds);
 * s.selectivity();     // 0.31
 * s.interval();        // [0.22, 0.40] at 95 %
 * }</pre>
 *
 * @implNote The percentile interval can undercover with few groups (below about 20); the
 *     result reports the group count so a caller can judge.
 */
public final class Selectivity {

    /** Default number of bootstrap resamples. */
    public static final int DEFAULT_RESAMPLES = 2000;

    /** Default confidence level. */
    public static final double DEFAULT_CONFIDENCE_LEVEL = 0.95;

    /** Default seed of the bootstrap stream. */
    public static final long DEFAULT_SEED = 19_790_101L;

    private static final Selectivity DEFAULTS =
            new Selectivity(DEFAULT_RESAMPLES, DEFAULT_CONFIDENCE_LEVEL, DEFAULT_SEED);

    private final int resamples;
    private final double confidenceLevel;
    private final long seed;

    private Selectivity(int resamples, double confidenceLevel, long seed) {
        this.resamples = resamples;
        this.confidenceLevel = confidenceLevel;
        this.seed = seed;
    }

    /**
     * Returns an estimator with {@value #DEFAULT_RESAMPLES} resamples, a 95 % interval and seed
     * {@value #DEFAULT_SEED}.
     */
    public static Selectivity withDefaults() {
        return DEFAULTS;
    }

    /**
     * Returns a copy drawing {@code count} bootstrap resamples.
     *
     * @throws IllegalArgumentException if {@code count < 1}
     */
    public Selectivity withResamples(int count) {
        return new Selectivity(Checks.atLeast("resamples", count, 1), confidenceLevel, seed);
    }

    /**
     * Returns a copy with the given interval level.
     *
     * @throws IllegalArgumentException if {@code level} is outside (0, 1) or NaN
     */
    public Selectivity withConfidenceLevel(double level) {
        return new Selectivity(resamples, Checks.confidenceLevel(level), seed);
    }

    /** Returns a copy drawing its resamples from {@code seed}. */
    public Selectivity withSeed(long seed) {
        return new Selectivity(resamples, confidenceLevel, seed);
    }

    /** Returns the number of bootstrap resamples. */
    public int resamples() {
        return resamples;
    }

    /** Returns the confidence level of the interval. */
    public double confidenceLevel() {
        return confidenceLevel;
    }

    /** Returns the seed of the bootstrap stream. */
    public long seed() {
        return seed;
    }

    /**
     * Estimates selectivity from predictions of the two probes against the same test labels.
     *
     * @param groups one group id per test item, or {@code null}
     * @throws IllegalArgumentException if an array is empty or the lengths differ
     */
    public SelectivityResult estimate(int[] labels, int[] mainPredictions,
            int[] controlPredictions, int[] groups) {
        return estimate(Counting.correct(labels, mainPredictions, "mainPredictions"),
                Counting.correct(labels, controlPredictions, "controlPredictions"), groups);
    }

    /** Estimates selectivity with every test item its own group. */
    public SelectivityResult estimate(boolean[] mainCorrect, boolean[] controlCorrect) {
        return estimate(mainCorrect, controlCorrect, null);
    }

    /**
     * Estimates selectivity from per-item correctness of the two probes.
     *
     * @param mainCorrect whether the main probe is right, per test item
     * @param controlCorrect whether the control probe is right, per test item
     * @param groups one group id per test item, or {@code null} for one group per item
     * @throws IllegalArgumentException if an array is empty or the lengths differ
     */
    public SelectivityResult estimate(boolean[] mainCorrect, boolean[] controlCorrect,
            int[] groups) {
        Checks.notEmpty("mainCorrect", mainCorrect);
        Checks.notEmpty("controlCorrect", controlCorrect);
        Checks.sameLength("mainCorrect", mainCorrect.length, "controlCorrect",
                controlCorrect.length);
        if (groups != null) {
            Checks.sameLength("mainCorrect", mainCorrect.length, "groups", groups.length);
        }
        GroupTotals totals = GroupTotals.of(mainCorrect, controlCorrect, groups);

        double[] replicates = new double[resamples];
        SplittableRandom random = new SplittableRandom(seed);
        for (int r = 0; r < resamples; r++) {
            replicates[r] = totals.resample(random);
        }
        Arrays.sort(replicates);
        double tail = (1 - confidenceLevel) / 2;
        ConfidenceInterval interval = new ConfidenceInterval(
                Quantiles.linear(replicates, tail), Quantiles.linear(replicates, 1 - tail),
                confidenceLevel);

        double main = Counting.fraction(mainCorrect);
        double control = Counting.fraction(controlCorrect);
        return new SelectivityResult(main, control, main - control, interval, resamples,
                mainCorrect.length, totals.size(), seed);
    }

    /** Per-group item counts and numbers of correct items of both probes. */
    private record GroupTotals(int[] items, int[] mainCorrect, int[] controlCorrect) {

        static GroupTotals of(boolean[] main, boolean[] control, int[] groups) {
            Map<Integer, Integer> indexOfGroup = new HashMap<>();
            int[] items = new int[main.length];
            int[] mainSum = new int[main.length];
            int[] controlSum = new int[main.length];
            for (int i = 0; i < main.length; i++) {
                int id = groups == null ? i : groups[i];
                int g = indexOfGroup.computeIfAbsent(id, key -> indexOfGroup.size());
                items[g]++;
                mainSum[g] += main[i] ? 1 : 0;
                controlSum[g] += control[i] ? 1 : 0;
            }
            int count = indexOfGroup.size();
            return new GroupTotals(Arrays.copyOf(items, count), Arrays.copyOf(mainSum, count),
                    Arrays.copyOf(controlSum, count));
        }

        int size() {
            return items.length;
        }

        double resample(SplittableRandom random) {
            long itemCount = 0;
            long difference = 0;
            for (int k = 0; k < items.length; k++) {
                int g = random.nextInt(items.length);
                itemCount += items[g];
                difference += mainCorrect[g] - controlCorrect[g];
            }
            return (double) difference / itemCount;
        }
    }
}
