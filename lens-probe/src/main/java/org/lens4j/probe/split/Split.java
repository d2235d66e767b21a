package org.lens4j.probe.split;

import java.util.Arrays;
import java.util.Objects;

/**
 * A train/test partition of the rows of a feature set.
 *
 * @param trainRows the training rows, ascending
 * @param testRows the test rows, ascending
 * @param seed the seed the split was drawn with (replays it)
 * @param description how the split was made, for instance {@code "stratified grouped, test 100+100"}
 */
public record Split(int[] trainRows, int[] testRows, long seed, String description) {

    /**
     * Validates and copies the rows (sorted ascending).
     *
     * @throws IllegalArgumentException if a row is negative or in both parts, or a part is empty
     */
    public Split {
        Objects.requireNonNull(description, "description");
        trainRows = sortedCopy(trainRows, "trainRows");
        testRows = sortedCopy(testRows, "testRows");
        int i = 0;
        int j = 0;
        while (i < trainRows.length && j < testRows.length) {
            if (trainRows[i] == testRows[j]) {
                throw new IllegalArgumentException("row " + trainRows[i] + " is in both the train and the test part");
            }
            if (trainRows[i] < testRows[j]) {
                i++;
            } else {
                j++;
            }
        }
    }

    /** Returns a copy of the training rows. */
    @Override
    public int[] trainRows() {
        return trainRows.clone();
    }

    /** Returns a copy of the test rows. */
    @Override
    public int[] testRows() {
        return testRows.clone();
    }

    /** Returns the number of training rows. */
    public int trainSize() {
        return trainRows.length;
    }

    /** Returns the number of test rows. */
    public int testSize() {
        return testRows.length;
    }

    private static int[] sortedCopy(int[] rows, String name) {
        Objects.requireNonNull(rows, name);
        if (rows.length == 0) {
            throw new IllegalArgumentException(name + " is empty; both parts of a split need rows");
        }
        int[] copy = rows.clone();
        Arrays.sort(copy);
        if (copy[0] < 0) {
            throw new IllegalArgumentException(name + " contains the negative row " + copy[0]);
        }
        for (int k = 1; k < copy.length; k++) {
            if (copy[k] == copy[k - 1]) {
                throw new IllegalArgumentException(name + " contains row " + copy[k] + " twice");
            }
        }
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Split that
                && Arrays.equals(trainRows, that.trainRows)
                && Arrays.equals(testRows, that.testRows)
                && seed == that.seed
                && description.equals(that.description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(trainRows), Arrays.hashCode(testRows), seed, description);
    }

    @Override
    public String toString() {
        return "Split[train " + trainRows.length + ", test " + testRows.length + ", seed " + seed + ", "
                + description + "]";
    }
}
