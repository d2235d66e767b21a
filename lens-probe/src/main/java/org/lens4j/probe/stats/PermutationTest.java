package org.lens4j.probe.stats;

import java.util.Objects;
import java.util.SplittableRandom;
import org.lens4j.probe.stats.internal.Checks;
import org.lens4j.probe.stats.internal.Counting;
import org.lens4j.probe.stats.internal.GroupedLabels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Label-permutation test of whether a probe's score could arise from features unrelated to the
 * labels.
 *
 * <p><b>Refit (Ojala &amp; Garriga test 1).</b> {@link #test(int[], int[], BatchLabelStatistic)}
 * evaluates the caller's whole training pipeline on the original labels, giving the observed
 * statistic {@code s}, and on {@code m} uniformly permuted label vectors, giving
 * {@code s_1 … s_m}. With {@code b = #{i : s_i >= s}} (ties count as at least as extreme),
 * <pre>    p = (b + 1) / (m + 1),</pre>
 * which is a valid p-value for any {@code m >= 1} and never 0; the smallest reachable value is
 * {@code 1 / (m + 1)}. Counting ties makes the test conservative when the statistic takes few
 * values: test accuracy on {@code n} items moves in steps of {@code 1/n} or {@code 2/n}, so
 * {@code P(p <= α)} may fall below {@code α}, never above. The permuted vectors cover every item, training and test alike, because the
 * null hypothesis is that features and labels are independent. Reference: M. Ojala and
 * G. C. Garriga, "Permutation Tests for Studying Classifier Performance", JMLR 11 (2010)
 * 1833–1863; B. Phipson and G. K. Smyth, "Permutation P-values Should Never Be Zero", Stat. Appl.
 * Genet. Mol. Biol. 9 (2010) article 39.
 *
 * <p><b>Fixed predictions.</b> {@link #testPredictions(int[], int[], int[])} keeps one trained
 * probe and permutes the test labels against its predictions, with accuracy as the statistic. It
 * costs nothing to run but ignores training variance, so it tests a weaker hypothesis: that this
 * probe's predictions are associated with the test labels.
 *
 * <p><b>Groups.</b> When every group carries a single label (several rows for one image), labels
 * are shuffled between groups and every item takes its group's label, so a group's items always
 * move together. When some group carries several labels (a normal and a defective image cut from
 * one fabric crop), labels are shuffled among the items of each group and never across groups.
 * That is the exchangeability a paired design gives under the null hypothesis.
 *
 * <p>The permutations come from one {@link SplittableRandom} seeded with {@link #seed()} and are
 * drawn in order, so a result is reproducible whatever the batch size.
 *
 * <pre>{@code
 * PermutationResult r = PermutationTest.withDefaults()
 *         .withPermutations(1000)
 *         .withSeed(7)
 *         .test(labels, imageIds, BatchLabelStatistic.of(y -> trainAndScore(features, y)));
 * r.pValue();          // (b + 1) / 1001
 * r.minimumPValue();   // 1 / 1001
 * }</pre>
 */
public final class PermutationTest {

    /** What the test recomputes for every permutation. */
    public enum Method {
        /** The whole training pipeline is refitted on permuted labels. */
        REFIT,
        /** Test labels are permuted against the fixed predictions of one trained probe. */
        FIXED_PREDICTIONS
    }

    /** Default number of permutations. */
    public static final int DEFAULT_PERMUTATIONS = 1000;

    /** Default seed of the permutation stream. */
    public static final long DEFAULT_SEED = 20_100_601L;

    /** Default number of label vectors handed to the pipeline per call. */
    public static final int DEFAULT_BATCH_SIZE = 1000;

    /** Batch offset that marks the call on the original labels. */
    private static final int ORIGINAL = -1;

    private static final Logger LOG = LoggerFactory.getLogger(PermutationTest.class);

    private static final PermutationTest DEFAULTS = new PermutationTest(DEFAULT_PERMUTATIONS,
            DEFAULT_SEED, AlternativeHypothesis.GREATER_THAN, DEFAULT_BATCH_SIZE);

    private final int permutations;
    private final long seed;
    private final AlternativeHypothesis alternative;
    private final int batchSize;

    private PermutationTest(int permutations, long seed, AlternativeHypothesis alternative,
            int batchSize) {
        this.permutations = permutations;
        this.seed = seed;
        this.alternative = alternative;
        this.batchSize = batchSize;
    }

    /**
     * Returns a test with {@value #DEFAULT_PERMUTATIONS} permutations, seed
     * {@value #DEFAULT_SEED}, alternative {@link AlternativeHypothesis#GREATER_THAN} (a probe
     * scores higher than chance) and batches of {@value #DEFAULT_BATCH_SIZE}.
     */
    public static PermutationTest withDefaults() {
        return DEFAULTS;
    }

    /**
     * Returns a copy with {@code m} permutations.
     *
     * @throws IllegalArgumentException if {@code m < 1}: with no permutation there is no null
     *     distribution to compare with
     */
    public PermutationTest withPermutations(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("permutations must be at least 1, got " + m
                    + "; the smallest reachable p-value is 1/(m+1), so use 1000 or more");
        }
        return new PermutationTest(m, seed, alternative, batchSize);
    }

    /** Returns a copy drawing its permutations from {@code seed}. */
    public PermutationTest withSeed(long seed) {
        return new PermutationTest(permutations, seed, alternative, batchSize);
    }

    /** Returns a copy testing {@code alternative}. */
    public PermutationTest withAlternative(AlternativeHypothesis alternative) {
        return new PermutationTest(permutations, seed,
                Objects.requireNonNull(alternative, "alternative"), batchSize);
    }

    /**
     * Returns a copy handing at most {@code size} permuted label vectors to the pipeline per call.
     *
     * @throws IllegalArgumentException if {@code size < 1}
     */
    public PermutationTest withBatchSize(int size) {
        return new PermutationTest(permutations, seed, alternative,
                Checks.atLeast("batchSize", size, 1));
    }

    /** Returns the number of permutations {@code m}. */
    public int permutations() {
        return permutations;
    }

    /** Returns the seed of the permutation stream. */
    public long seed() {
        return seed;
    }

    /** Returns the alternative hypothesis. */
    public AlternativeHypothesis alternative() {
        return alternative;
    }

    /** Returns the maximum number of label vectors per pipeline call. */
    public int batchSize() {
        return batchSize;
    }

    /** Runs the refit test with every item exchangeable; see {@link #test(int[], int[], BatchLabelStatistic)}. */
    public PermutationResult test(int[] labels, BatchLabelStatistic pipeline) {
        return test(labels, null, pipeline);
    }

    /**
     * Runs the refit test (Ojala &amp; Garriga test 1).
     *
     * @param labels one label per item, training and test items together, in the order the
     *     pipeline expects
     * @param groups one group id per item, or {@code null} when every item is its own group
     * @param pipeline trains on the training items and returns the test statistic
     * @throws IllegalArgumentException if the labels are empty or the lengths differ
     * @throws IllegalStateException if the pipeline returns the wrong number of values or NaN
     */
    public PermutationResult test(int[] labels, int[] groups, BatchLabelStatistic pipeline) {
        Objects.requireNonNull(pipeline, "pipeline");
        GroupedLabels grouped = GroupedLabels.of(labels, groups);

        double observed = evaluate(pipeline, new int[][] {labels.clone()}, ORIGINAL)[0];
        double[] nullStatistics = new double[permutations];
        SplittableRandom random = new SplittableRandom(seed);
        for (int start = 0; start < permutations; start += batchSize) {
            int rows = Math.min(batchSize, permutations - start);
            int[][] batch = new int[rows][];
            for (int r = 0; r < rows; r++) {
                batch[r] = grouped.permute(random);
            }
            double[] values = evaluate(pipeline, batch, start);
            System.arraycopy(values, 0, nullStatistics, start, rows);
        }

        return assemble(observed, nullStatistics, Method.REFIT, grouped.groupCount());
    }

    /** Runs the fixed-prediction test with every item exchangeable. */
    public PermutationResult testPredictions(int[] testLabels, int[] predictions) {
        return testPredictions(testLabels, predictions, null);
    }

    /**
     * Runs the fixed-prediction test: the statistic is the accuracy of {@code predictions}
     * against the test labels, recomputed after permuting the test labels.
     *
     * @param testLabels one label per test item
     * @param predictions the trained probe's prediction per test item
     * @param groups one group id per test item, or {@code null}
     * @throws IllegalArgumentException if an array is empty, the lengths differ, or a group contains
     *     items with different labels
     */
    public PermutationResult testPredictions(int[] testLabels, int[] predictions, int[] groups) {
        boolean[] correct = Counting.correct(testLabels, predictions, "predictions");
        GroupedLabels grouped = GroupedLabels.of(testLabels, groups);

        double observed = Counting.fraction(correct);
        double[] nullStatistics = new double[permutations];
        SplittableRandom random = new SplittableRandom(seed);
        for (int k = 0; k < permutations; k++) {
            int[] permuted = grouped.permute(random);
            nullStatistics[k] = Counting.fraction(Counting.correct(permuted, predictions,
                    "predictions"));
        }

        return assemble(observed, nullStatistics, Method.FIXED_PREDICTIONS, grouped.groupCount());
    }

    private PermutationResult assemble(double observed, double[] nullStatistics, Method method,
            int units) {
        int atLeast = 0;
        int atMost = 0;
        for (double value : nullStatistics) {
            if (value >= observed) {
                atLeast++;
            }
            if (value <= observed) {
                atMost++;
            }
        }
        int exceedances = switch (alternative) {
            case GREATER_THAN -> atLeast;
            case LESS_THAN -> atMost;
            case TWO_SIDED -> Math.min(atLeast, atMost);
        };
        double oneSided = (exceedances + 1.0) / (permutations + 1.0);
        double pValue = alternative == AlternativeHypothesis.TWO_SIDED
                ? Math.min(1.0, 2 * oneSided) : oneSided;
        LOG.debug("Permutation test ({}, {}): observed {}, {} of {} permutations as extreme,"
                + " p = {}", method, alternative, observed, exceedances, permutations, pValue);
        return new PermutationResult(observed, pValue, exceedances, permutations, seed,
                alternative, method, units, nullStatistics);
    }

    private static double[] evaluate(BatchLabelStatistic pipeline, int[][] batch, int offset) {
        double[] values = pipeline.evaluate(batch);
        if (values == null || values.length != batch.length) {
            throw new IllegalStateException("the pipeline returned "
                    + (values == null ? "null" : values.length + " values") + " for a batch of "
                    + batch.length + " label vectors; it must return one statistic per row");
        }
        for (int r = 0; r < values.length; r++) {
            if (Double.isNaN(values[r])) {
                String source = offset == ORIGINAL ? "the original labels"
                        : "permutation " + (offset + r);
                throw new IllegalStateException(
                        "the pipeline returned NaN for " + source + "; it must return a number");
            }
        }
        return values;
    }
}
