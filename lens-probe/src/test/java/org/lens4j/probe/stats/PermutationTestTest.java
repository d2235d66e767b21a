package org.lens4j.probe.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermutationTestTest {

    private static final int[] LABELS = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};

    /**
     * Returns a pipeline that reports {@code observed} for the original labels, then the given
     * null values in order, whatever the labels.
     */
    private static BatchLabelStatistic scripted(double observed, double[] nullValues) {
        int[] next = {-1};
        return labelings -> {
            double[] values = new double[labelings.length];
            for (int r = 0; r < values.length; r++) {
                values[r] = next[0] < 0 ? observed : nullValues[next[0]];
                next[0]++;
            }
            return values;
        };
    }

    @Test
    void noExceedanceGivesOneOverMPlusOne() {
        double[] nullValues = new double[1000];
        Arrays.fill(nullValues, 0.5);

        PermutationResult result = PermutationTest.withDefaults().withPermutations(1000)
                .test(LABELS, scripted(0.9, nullValues));

        assertEquals(0, result.exceedances());
        assertEquals(1.0 / 1001, result.pValue());
        assertEquals(1.0 / 1001, result.minimumPValue());
    }

    @Test
    void tieCountsAsExceedance() {
        double[] nullValues = new double[1000];
        Arrays.fill(nullValues, 0.5);
        nullValues[10] = 0.95;
        nullValues[500] = 0.9;
        nullValues[999] = 1.0;

        PermutationResult result = PermutationTest.withDefaults().withPermutations(1000)
                .test(LABELS, scripted(0.9, nullValues));

        assertEquals(3, result.exceedances());
        assertEquals(4.0 / 1001, result.pValue());
    }

    @Test
    void lessThanCountsValuesAtMostObserved() {
        double[] nullValues = {0.1, 0.2, 0.3, 0.4};

        PermutationResult result = PermutationTest.withDefaults().withPermutations(4)
                .withAlternative(AlternativeHypothesis.LESS_THAN)
                .test(LABELS, scripted(0.2, nullValues));

        assertEquals(2, result.exceedances());
        assertEquals(3.0 / 5, result.pValue());
    }

    @Test
    void twoSidedDoublesSmallerSideAndCaps() {
        double[] nullValues = {0.1, 0.2, 0.3, 0.4};

        PermutationResult low = PermutationTest.withDefaults().withPermutations(4)
                .withAlternative(AlternativeHypothesis.TWO_SIDED)
                .test(LABELS, scripted(0.05, nullValues));
        PermutationResult middle = PermutationTest.withDefaults().withPermutations(4)
                .withAlternative(AlternativeHypothesis.TWO_SIDED)
                .test(LABELS, scripted(0.25, nullValues));

        assertEquals(2.0 / 5, low.pValue());
        assertEquals(1.0, middle.pValue());
    }

    @Test
    void zeroPermutationsAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> PermutationTest.withDefaults().withPermutations(0));

        assertTrue(error.getMessage().contains("permutations"), error.getMessage());
        assertTrue(error.getMessage().contains("at least 1"), error.getMessage());
    }

    @Test
    void resultRecordsOptions() {
        double[] nullValues = new double[20];

        PermutationResult result = PermutationTest.withDefaults().withPermutations(20)
                .withSeed(99L).test(LABELS, scripted(0.7, nullValues));

        assertEquals(20, result.permutations());
        assertEquals(99L, result.seed());
        assertEquals(AlternativeHypothesis.GREATER_THAN, result.alternative());
        assertEquals(PermutationTest.Method.REFIT, result.method());
        assertEquals(0.7, result.statistic());
        assertEquals(LABELS.length, result.exchangeableUnits());
    }

    @Test
    void pipelineSeesOriginalLabelsFirst() {
        List<int[]> seen = new ArrayList<>();
        BatchLabelStatistic recording = labelings -> {
            seen.addAll(Arrays.asList(labelings));
            return new double[labelings.length];
        };

        PermutationTest.withDefaults().withPermutations(5).test(LABELS, recording);

        assertArrayEquals(LABELS, seen.get(0));
        assertEquals(6, seen.size());
    }

    @Test
    void permutationsKeepLabelCounts() {
        List<int[]> seen = new ArrayList<>();
        BatchLabelStatistic recording = labelings -> {
            seen.addAll(Arrays.asList(labelings));
            return new double[labelings.length];
        };

        PermutationTest.withDefaults().withPermutations(30).test(LABELS, recording);

        for (int[] labels : seen) {
            assertEquals(5, Arrays.stream(labels).sum(), Arrays.toString(labels));
        }
    }

    @Test
    void batchSizeDoesNotChangeResult() {
        BatchLabelStatistic firstHalfOnes = BatchLabelStatistic.of(
                labels -> Arrays.stream(labels, 0, 5).sum());

        PermutationResult whole = PermutationTest.withDefaults().withPermutations(50)
                .test(LABELS, firstHalfOnes);
        PermutationResult batched = PermutationTest.withDefaults().withPermutations(50)
                .withBatchSize(7).test(LABELS, firstHalfOnes);

        assertEquals(whole, batched);
    }

    @Test
    void sameSeedGivesSameResult() {
        BatchLabelStatistic statistic = BatchLabelStatistic.of(labels -> labels[0] + labels[3]);

        PermutationResult first = PermutationTest.withDefaults().withPermutations(40)
                .withSeed(5L).test(LABELS, statistic);
        PermutationResult second = PermutationTest.withDefaults().withPermutations(40)
                .withSeed(5L).test(LABELS, statistic);

        assertEquals(first, second);
    }

    @Test
    void differentSeedGivesDifferentPermutations() {
        BatchLabelStatistic statistic = BatchLabelStatistic.of(
                labels -> Arrays.stream(labels, 0, 5).sum());

        PermutationResult first = PermutationTest.withDefaults().withPermutations(40)
                .withSeed(5L).test(LABELS, statistic);
        PermutationResult second = PermutationTest.withDefaults().withPermutations(40)
                .withSeed(6L).test(LABELS, statistic);

        assertNotEquals(Arrays.toString(first.nullStatistics()),
                Arrays.toString(second.nullStatistics()));
    }

    @Test
    void groupsMoveTogether() {
        int[] labels = {0, 0, 1, 1, 1, 0, 0, 1, 1, 0};
        int[] groups = {7, 7, 3, 3, 3, 9, 9, 4, 4, 2};
        List<int[]> seen = new ArrayList<>();
        BatchLabelStatistic recording = labelings -> {
            seen.addAll(Arrays.asList(labelings));
            return new double[labelings.length];
        };

        PermutationResult result = PermutationTest.withDefaults().withPermutations(50)
                .test(labels, groups, recording);

        assertEquals(5, result.exchangeableUnits());
        for (int[] permuted : seen) {
            for (int i = 1; i < groups.length; i++) {
                if (groups[i] == groups[i - 1]) {
                    assertEquals(permuted[i - 1], permuted[i], Arrays.toString(permuted));
                }
            }
        }
    }

    @Test
    void mixedLabelGroupsArePermutedWithinEachGroup() {
        // Pairs of (normal, defect) items: under the null the two labels of a pair may swap.
        int[] labels = {0, 1, 1, 0, 0, 1, 1, 0};
        int[] groups = {1, 1, 2, 2, 3, 3, 4, 4};
        List<int[]> seen = new ArrayList<>();

        PermutationTest.withDefaults().withPermutations(200).withSeed(3)
                .test(labels, groups, BatchLabelStatistic.of(y -> {
                    seen.add(y.clone());
                    return 0.0;
                }));

        for (int[] permuted : seen) {
            for (int i = 0; i < labels.length; i += 2) {
                assertEquals(1, permuted[i] + permuted[i + 1], "pair " + i / 2 + " in " + Arrays.toString(permuted));
            }
        }
    }

    @Test
    void mixedLabelGroupsSwapSomePairs() {
        int[] labels = {0, 1, 0, 1, 0, 1};
        int[] groups = {1, 1, 2, 2, 3, 3};
        List<int[]> seen = new ArrayList<>();

        PermutationTest.withDefaults().withPermutations(50).withSeed(5)
                .test(labels, groups, BatchLabelStatistic.of(y -> {
                    seen.add(y.clone());
                    return 0.0;
                }));

        assertTrue(seen.stream().anyMatch(y -> y[0] == 1), "no permutation swapped the first pair");
    }

    @Test
    void nanStatisticIsRejected() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> PermutationTest.withDefaults().withPermutations(10)
                        .test(LABELS, BatchLabelStatistic.of(y -> y[0] == 1 ? Double.NaN : 0.5)));

        assertTrue(error.getMessage().contains("NaN"), error.getMessage());
        assertTrue(error.getMessage().contains("permutation"), error.getMessage());
    }

    @Test
    void wrongRowCountIsRejected() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> PermutationTest.withDefaults().test(LABELS, labelings -> new double[1]));

        assertTrue(error.getMessage().contains("one statistic per row"), error.getMessage());
    }

    @Test
    void fixedPredictionsUseAccuracy() {
        int[] labels = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1};

        PermutationResult result = PermutationTest.withDefaults().withPermutations(200)
                .testPredictions(labels, labels.clone());

        assertEquals(1.0, result.statistic());
        assertEquals(PermutationTest.Method.FIXED_PREDICTIONS, result.method());
        // Only a permutation that restores every label reaches accuracy 1: C(20, 10) = 184756.
        assertTrue(result.pValue() < 0.02, result.toString());
    }

    @Test
    void fixedPredictionsRejectLengthMismatch() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> PermutationTest.withDefaults().testPredictions(new int[] {0, 1},
                        new int[] {0, 1, 1}));

        assertTrue(error.getMessage().contains("predictions"), error.getMessage());
    }

    @Test
    void resultCopiesNullStatistics() {
        double[] nullValues = {0.1, 0.2};
        PermutationResult result = PermutationTest.withDefaults().withPermutations(2)
                .test(LABELS, scripted(0.5, nullValues));

        result.nullStatistics()[0] = 42.0;

        assertEquals(0.1, result.nullStatistics()[0]);
    }
}
