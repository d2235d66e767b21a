package org.lens4j.probe.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Under a true null hypothesis a valid permutation p-value is (up to the grid 1/(m+1))
 * uniformly distributed; 200 independent data sets must not reject uniformity at α = 0.001.
 */
class PermutationNullUniformityTest {

    private static final int REPETITIONS = 200;

    private static final int PERMUTATIONS = 199;

    private static final double ALPHA = 0.001;

    private static final long SEED_FIXED_PREDICTIONS = 1_001L;
    private static final long SEED_REFIT_MEAN_DIFFERENCE = 2_002L;
    private static final long SEED_REFIT_GROUPED = 3_003L;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {SEED_FIXED_PREDICTIONS, 11_001L})
    void fixedPredictionPValuesAreUniform(long seed) {
        // Accuracy moves in steps of 2/n under permutation, and ties count as exceedances, so the
        // p-values are uniform only up to atoms of mass about 0.8/sqrt(n) (0.16 at n = 100,
        // enough to fail KS with 200 draws). 2000 test items bring the atoms to about 0.04.
        SplittableRandom data = new SplittableRandom(seed);
        double[] pValues = new double[REPETITIONS];
        for (int rep = 0; rep < REPETITIONS; rep++) {
            int[] labels = data.ints(2000, 0, 2).toArray();
            int[] predictions = data.ints(2000, 0, 2).toArray();
            pValues[rep] = PermutationTest.withDefaults().withPermutations(PERMUTATIONS)
                    .withSeed(data.nextLong()).testPredictions(labels, predictions).pValue();
        }

        assertUniform(seed, pValues);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {SEED_FIXED_PREDICTIONS, 11_001L})
    void fixedPredictionPValuesAreValidOnFewItems(long seed) {
        // On 100 items the p-values are discrete but must stay valid: P(p <= 0.05) <= 0.05.
        SplittableRandom data = new SplittableRandom(seed);
        int rejections = 0;
        for (int rep = 0; rep < REPETITIONS; rep++) {
            int[] labels = data.ints(100, 0, 2).toArray();
            int[] predictions = data.ints(100, 0, 2).toArray();
            double p = PermutationTest.withDefaults().withPermutations(PERMUTATIONS)
                    .withSeed(data.nextLong()).testPredictions(labels, predictions).pValue();
            rejections += p <= 0.05 ? 1 : 0;
        }

        int highest = new BinomialDistribution(null, REPETITIONS, 0.05)
                .inverseCumulativeProbability(1 - ALPHA);
        assertTrue(rejections <= highest, "seed " + seed + ": " + rejections + " of "
                + REPETITIONS + " p-values at most 0.05, expected at most " + highest);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {SEED_REFIT_MEAN_DIFFERENCE, 12_002L})
    void meanDifferencePValuesAreUniform(long seed) {
        SplittableRandom data = new SplittableRandom(seed);
        double[] pValues = new double[REPETITIONS];
        for (int rep = 0; rep < REPETITIONS; rep++) {
            double[] feature = data.doubles(60).map(u -> u * u).toArray();
            int[] labels = data.ints(60, 0, 2).toArray();
            pValues[rep] = PermutationTest.withDefaults().withPermutations(PERMUTATIONS)
                    .withSeed(data.nextLong())
                    .test(labels, BatchLabelStatistic.of(y -> meanDifference(feature, y)))
                    .pValue();
        }

        assertUniform(seed, pValues);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {SEED_REFIT_GROUPED, 13_003L})
    void groupedMeanDifferencePValuesAreUniform(long seed) {
        SplittableRandom data = new SplittableRandom(seed);
        double[] pValues = new double[REPETITIONS];
        for (int rep = 0; rep < REPETITIONS; rep++) {
            // 30 groups of 3 items; a group shares its label and a group-level feature shift.
            int[] groups = new int[90];
            int[] labels = new int[90];
            double[] feature = new double[90];
            for (int g = 0; g < 30; g++) {
                int label = data.nextInt(2);
                double shift = data.nextGaussian();
                for (int k = 0; k < 3; k++) {
                    groups[3 * g + k] = g;
                    labels[3 * g + k] = label;
                    feature[3 * g + k] = shift + 0.3 * data.nextGaussian();
                }
            }
            pValues[rep] = PermutationTest.withDefaults().withPermutations(PERMUTATIONS)
                    .withSeed(data.nextLong()).withAlternative(AlternativeHypothesis.TWO_SIDED)
                    .test(labels, groups, BatchLabelStatistic.of(y -> meanDifference(feature, y)))
                    .pValue();
        }

        assertUniform(seed, pValues);
    }

    private static double meanDifference(double[] feature, int[] labels) {
        double[] sum = new double[2];
        int[] count = new int[2];
        for (int i = 0; i < feature.length; i++) {
            sum[labels[i]] += feature[i];
            count[labels[i]]++;
        }
        if (count[0] == 0 || count[1] == 0) {
            return 0.0;
        }
        return sum[1] / count[1] - sum[0] / count[0];
    }

    private static void assertUniform(long seed, double[] pValues) {
        double ksPValue = new KolmogorovSmirnovTest()
                .kolmogorovSmirnovTest(new UniformRealDistribution(null, 0, 1), pValues);

        assertTrue(ksPValue >= ALPHA,
                "seed " + seed + ": KS test rejects uniform p-values, p = " + ksPValue);
    }
}
