package org.lens4j.probe.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SelectivityTest {

    private static final long SEED_DATA = 17L;
    private static final long SEED_COVERAGE = 4_242L;

    /** Exact binomial arithmetic on counts of 10: the error is rounding only. */
    private static final double COUNT_TOLERANCE = 1e-15;

    private static boolean[] pattern(int length, int trueCount) {
        boolean[] values = new boolean[length];
        for (int i = 0; i < trueCount; i++) {
            values[i] = true;
        }
        return values;
    }

    @Test
    void pointEstimateIsAccuracyDifference() {
        boolean[] main = pattern(10, 8);
        boolean[] control = pattern(10, 5);

        SelectivityResult result = Selectivity.withDefaults().estimate(main, control);

        assertEquals(0.8, result.mainAccuracy(), COUNT_TOLERANCE);
        assertEquals(0.5, result.controlAccuracy(), COUNT_TOLERANCE);
        assertEquals(0.3, result.selectivity(), COUNT_TOLERANCE);
    }

    @Test
    void intervalContainsEstimate() {
        SplittableRandom random = new SplittableRandom(SEED_DATA);
        boolean[] main = new boolean[200];
        boolean[] control = new boolean[200];
        for (int i = 0; i < main.length; i++) {
            main[i] = random.nextDouble() < 0.8;
            control[i] = random.nextDouble() < 0.5;
        }

        SelectivityResult result = Selectivity.withDefaults().estimate(main, control);

        assertTrue(result.interval().contains(result.selectivity()), result.toString());
    }

    @Test
    void constantDifferenceGivesZeroWidth() {
        boolean[] main = pattern(30, 30);
        boolean[] control = pattern(30, 0);

        SelectivityResult result = Selectivity.withDefaults().estimate(main, control);

        assertEquals(1.0, result.interval().lower());
        assertEquals(1.0, result.interval().upper());
    }

    @Test
    void sameSeedGivesSameInterval() {
        boolean[] main = pattern(40, 30);
        boolean[] control = pattern(40, 18);

        SelectivityResult first = Selectivity.withDefaults().withSeed(3).estimate(main, control);
        SelectivityResult second = Selectivity.withDefaults().withSeed(3).estimate(main, control);

        assertEquals(first, second);
    }

    @Test
    void differentSeedGivesDifferentInterval() {
        boolean[] main = pattern(40, 30);
        boolean[] control = pattern(40, 18);

        SelectivityResult first = Selectivity.withDefaults().withSeed(3).estimate(main, control);
        SelectivityResult second = Selectivity.withDefaults().withSeed(4).estimate(main, control);

        assertNotEquals(first.interval(), second.interval());
    }

    @Test
    void clusteredIntervalIsWiderForDuplicatedItems() {
        // 50 groups of 4 identical items carry the information of 50 items, not 200, so the
        // interval should be about sqrt(4) = 2 times wider when groups are resampled.
        SplittableRandom random = new SplittableRandom(SEED_DATA);
        boolean[] main = new boolean[200];
        boolean[] control = new boolean[200];
        int[] groups = new int[200];
        for (int g = 0; g < 50; g++) {
            boolean mainRight = random.nextDouble() < 0.75;
            boolean controlRight = random.nextDouble() < 0.5;
            for (int k = 0; k < 4; k++) {
                main[4 * g + k] = mainRight;
                control[4 * g + k] = controlRight;
                groups[4 * g + k] = g;
            }
        }

        SelectivityResult clustered = Selectivity.withDefaults().estimate(main, control, groups);
        SelectivityResult independent = Selectivity.withDefaults().estimate(main, control);

        assertEquals(50, clustered.groups());
        assertEquals(200, independent.groups());
        assertTrue(clustered.interval().width() > 1.5 * independent.interval().width(),
                clustered.interval() + " vs " + independent.interval());
    }

    @Test
    void coverageIsNearNominal() {
        // True selectivity 0.8 - 0.5 = 0.3. The number of intervals covering it is
        // Binomial(200, 0.95) for an exact method; reject only below its 1e-4 quantile.
        SplittableRandom random = new SplittableRandom(SEED_COVERAGE);
        int datasets = 200;
        int covered = 0;
        for (int d = 0; d < datasets; d++) {
            boolean[] main = new boolean[150];
            boolean[] control = new boolean[150];
            for (int i = 0; i < main.length; i++) {
                main[i] = random.nextDouble() < 0.8;
                control[i] = random.nextDouble() < 0.5;
            }
            SelectivityResult result = Selectivity.withDefaults().withResamples(1000)
                    .withSeed(random.nextLong()).estimate(main, control);
            covered += result.interval().contains(0.3) ? 1 : 0;
        }

        int lowest = new BinomialDistribution(null, datasets, 0.95)
                .inverseCumulativeProbability(1e-4);
        assertTrue(covered >= lowest, covered + " of " + datasets + " intervals cover 0.3,"
                + " expected at least " + lowest);
    }

    @Test
    void predictionVariantMatchesCorrectnessVariant() {
        int[] labels = {0, 1, 0, 1, 1, 0};
        int[] main = {0, 1, 0, 1, 0, 0};
        int[] control = {1, 1, 0, 0, 0, 0};

        SelectivityResult fromPredictions = Selectivity.withDefaults()
                .estimate(labels, main, control, null);
        SelectivityResult fromCorrectness = Selectivity.withDefaults().estimate(
                new boolean[] {true, true, true, true, false, true},
                new boolean[] {false, true, true, false, false, true});

        assertEquals(fromCorrectness, fromPredictions);
    }

    @Test
    void lengthMismatchIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Selectivity.withDefaults().estimate(new boolean[3], new boolean[3],
                        new int[2]));

        assertTrue(error.getMessage().contains("groups"), error.getMessage());
    }

    @Test
    void emptyInputIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Selectivity.withDefaults().estimate(new boolean[0], new boolean[0]));

        assertTrue(error.getMessage().contains("empty"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -5})
    void nonPositiveResamplesAreRejected(int resamples) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Selectivity.withDefaults().withResamples(resamples));

        assertTrue(error.getMessage().contains("resamples"), error.getMessage());
    }
}
