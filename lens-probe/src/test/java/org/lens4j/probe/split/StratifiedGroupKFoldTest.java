package org.lens4j.probe.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StratifiedGroupKFoldTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 20);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void foldsCoverRowsOnceAndKeepGroupsWhole(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> labels = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (int g = 0; g < 60; g++) {
            String label = random.nextBoolean() ? "A" : "B";
            int size = 1 + random.nextInt(2);
            for (int k = 0; k < size; k++) {
                labels.add(label);
                groups.add("g" + g);
            }
        }
        int[] rows = StratifiedGroupSplitterTest.all(labels.size());
        List<Split> folds = StratifiedGroupKFold.of(5).withSeed(seed).folds(labels, groups, rows);

        Set<Integer> seen = new HashSet<>();
        for (Split fold : folds) {
            for (int row : fold.testRows()) {
                assertTrue(seen.add(row), "row " + row + " in two folds, seed " + seed);
            }
            assertEquals(labels.size(), fold.trainSize() + fold.testSize(), "seed " + seed);
            StratifiedGroupSplitterTest.assertNoGroupStraddles(groups, fold, seed);
        }
        assertEquals(labels.size(), seen.size(), "seed " + seed);
    }

    @Test
    void singletonGroupsDealClassesEvenly() {
        List<String> labels = StratifiedGroupSplitterTest.repeat("A", 23, "B", 12);
        List<Split> folds = StratifiedGroupKFold.of(5).withSeed(3)
                .folds(labels, StratifiedGroupSplitterTest.rowIds(35), StratifiedGroupSplitterTest.all(35));

        for (Split fold : folds) {
            int a = StratifiedGroupSplitterTest.count(labels, fold.testRows(), "A");
            int b = StratifiedGroupSplitterTest.count(labels, fold.testRows(), "B");
            assertTrue(a == 4 || a == 5, "fold holds " + a + " A");
            assertTrue(b == 2 || b == 3, "fold holds " + b + " B");
        }
    }

    @Test
    void fewerGroupsThanFoldsAreRejected() {
        List<String> labels = StratifiedGroupSplitterTest.repeat("A", 2, "B", 2);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> StratifiedGroupKFold
                .of(5).folds(labels, StratifiedGroupSplitterTest.rowIds(4), StratifiedGroupSplitterTest.all(4)));

        assertTrue(error.getMessage().contains("4 groups"), error.getMessage());
    }
}
