package org.lens4j.probe.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StratifiedGroupSplitterTest {

    /** Seeds of the property tests; any failure names its seed. */
    static LongStream seeds() {
        return LongStream.rangeClosed(1, 25);
    }

    @Test
    void testFractionTakesNineAAndOneB() {
        List<String> labels = repeat("A", 45, "B", 5);
        Split split = StratifiedGroupSplitter.testFraction(0.2).withSeed(1).split(labels, rowIds(50));

        assertEquals(9, count(labels, split.testRows(), "A"));
        assertEquals(1, count(labels, split.testRows(), "B"));
        assertEquals(36, count(labels, split.trainRows(), "A"));
        assertEquals(4, count(labels, split.trainRows(), "B"));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void studyCountsAreExactWithPairedGroups(long seed) {
        // 250 + 250 items in groups of two rows of one label (an image with two prompts).
        List<String> labels = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            labels.add(i < 250 ? "defect" : "normal");
            groups.add("image-" + i / 2);
        }
        Split split = StratifiedGroupSplitter.counts(150, 100).withSeed(seed).split(labels, groups);

        assertEquals(150, count(labels, split.trainRows(), "defect"), "seed " + seed);
        assertEquals(150, count(labels, split.trainRows(), "normal"), "seed " + seed);
        assertEquals(100, count(labels, split.testRows(), "defect"), "seed " + seed);
        assertEquals(100, count(labels, split.testRows(), "normal"), "seed " + seed);
        assertNoGroupStraddles(groups, split, seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomGroupsNeverStraddleAndCountsMatchFractions(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> labels = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        int group = 0;
        while (labels.size() < 200) {
            String label = random.nextInt(3) == 0 ? "rare" : "common";
            int size = 1 + random.nextInt(3);
            for (int k = 0; k < size; k++) {
                labels.add(label);
                groups.add("g" + group);
            }
            group++;
        }
        int rare = count(labels, all(labels.size()), "rare");
        int common = labels.size() - rare;
        Split split = StratifiedGroupSplitter.testFraction(0.25).withSeed(seed).split(labels, groups);

        assertEquals(Math.round(0.25 * rare), count(labels, split.testRows(), "rare"), "seed " + seed);
        assertEquals(Math.round(0.25 * common), count(labels, split.testRows(), "common"), "seed " + seed);
        assertEquals(labels.size(), split.trainSize() + split.testSize(), "seed " + seed);
        assertNoGroupStraddles(groups, split, seed);
    }

    @Test
    void sameSeedGivesSameSplit() {
        List<String> labels = repeat("A", 30, "B", 30);
        Split first = StratifiedGroupSplitter.testFraction(0.3).withSeed(9).split(labels, rowIds(60));
        Split second = StratifiedGroupSplitter.testFraction(0.3).withSeed(9).split(labels, rowIds(60));

        assertEquals(first, second);
    }

    @Test
    void otherSeedGivesOtherSplit() {
        List<String> labels = repeat("A", 30, "B", 30);
        Split first = StratifiedGroupSplitter.testFraction(0.3).withSeed(9).split(labels, rowIds(60));
        Split second = StratifiedGroupSplitter.testFraction(0.3).withSeed(10).split(labels, rowIds(60));

        assertNotEquals(first, second);
    }

    @Test
    void countsPerClassMapAreHonoured() {
        List<String> labels = repeat("A", 20, "B", 10);
        Split split = StratifiedGroupSplitter.counts(Map.of("A", 12, "B", 6), Map.of("A", 5, "B", 3))
                .withSeed(2).split(labels, rowIds(30));

        assertEquals(12, count(labels, split.trainRows(), "A"));
        assertEquals(6, count(labels, split.trainRows(), "B"));
        assertEquals(5, count(labels, split.testRows(), "A"));
        assertEquals(3, count(labels, split.testRows(), "B"));
    }

    @Test
    void singleExampleClassIsRejectedByName() {
        List<String> labels = repeat("A", 10, "B", 1);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> StratifiedGroupSplitter.testFraction(0.2).split(labels, rowIds(11)));

        assertTrue(error.getMessage().contains("'B'"), error.getMessage());
        assertTrue(error.getMessage().contains("1 example"), error.getMessage());
    }

    @Test
    void countsAboveClassSizeAreRejectedByName() {
        List<String> labels = repeat("normal", 250, "defect", 200);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> StratifiedGroupSplitter.counts(150, 100).split(labels, rowIds(450)));

        assertTrue(error.getMessage().contains("'defect'"), error.getMessage());
        assertTrue(error.getMessage().contains("200"), error.getMessage());
    }

    @Test
    void unreachableGroupCountsAreRejected() {
        // Every group has 3 rows, so a test count of 2 per class cannot be met.
        List<String> labels = repeat("A", 9, "B", 9);
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            groups.add("g" + i / 3);
        }
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> StratifiedGroupSplitter.counts(3, 2).split(labels, groups));

        assertTrue(error.getMessage().contains("whole groups"), error.getMessage());
    }

    @Test
    void fractionOutsideOpenIntervalIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> StratifiedGroupSplitter.testFraction(1.0));

        assertTrue(error.getMessage().contains("testFraction is 1.0"), error.getMessage());
    }

    @Test
    void splitOfSubsetStaysInSubset() {
        List<String> labels = repeat("A", 20, "B", 20);
        int[] subset = {0, 2, 4, 6, 8, 10, 20, 22, 24, 26, 28, 30};
        Split split = StratifiedGroupSplitter.testFraction(0.5).withSeed(4).split(labels, rowIds(40), subset);
        Set<Integer> allowed = new HashSet<>();
        for (int row : subset) {
            allowed.add(row);
        }

        for (int row : split.trainRows()) {
            assertTrue(allowed.contains(row), "train row " + row);
        }
        for (int row : split.testRows()) {
            assertTrue(allowed.contains(row), "test row " + row);
        }
        assertEquals(subset.length, split.trainSize() + split.testSize());
    }

    @Test
    void rowsAreSortedCopies() {
        List<String> labels = repeat("A", 10, "B", 10);
        Split split = StratifiedGroupSplitter.testFraction(0.5).withSeed(4).split(labels, rowIds(20));
        int[] rows = split.trainRows();
        rows[0] = -7;

        assertFalse(split.trainRows()[0] == -7);
        int[] sorted = split.testRows().clone();
        java.util.Arrays.sort(sorted);
        assertArrayEquals(sorted, split.testRows());
    }

    static void assertNoGroupStraddles(List<String> groups, Split split, long seed) {
        Set<String> trainGroups = new HashSet<>();
        for (int row : split.trainRows()) {
            trainGroups.add(groups.get(row));
        }
        for (int row : split.testRows()) {
            assertFalse(trainGroups.contains(groups.get(row)),
                    "group " + groups.get(row) + " is in both parts, seed " + seed);
        }
    }

    static List<String> repeat(String first, int firstCount, String second, int secondCount) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < firstCount; i++) {
            labels.add(first);
        }
        for (int i = 0; i < secondCount; i++) {
            labels.add(second);
        }
        return labels;
    }

    static List<String> rowIds(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("item-" + i);
        }
        return ids;
    }

    static int[] all(int n) {
        int[] rows = new int[n];
        java.util.Arrays.setAll(rows, i -> i);
        return rows;
    }

    static int count(List<String> labels, int[] rows, String label) {
        int count = 0;
        for (int row : rows) {
            count += labels.get(row).equals(label) ? 1 : 0;
        }
        return count;
    }
}
