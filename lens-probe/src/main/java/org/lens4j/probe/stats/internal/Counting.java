package org.lens4j.probe.stats.internal;

/** Correctness vectors and accuracies from labels and predictions. */
public final class Counting {

    private Counting() {
    }

    /**
     * Returns, per test item, whether the prediction equals the label.
     *
     * @throws IllegalArgumentException if either array is empty or the lengths differ
     */
    public static boolean[] correct(int[] labels, int[] predictions, String predictionsName) {
        Checks.notEmpty("labels", labels);
        Checks.notEmpty(predictionsName, predictions);
        Checks.sameLength("labels", labels.length, predictionsName, predictions.length);
        boolean[] correct = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            correct[i] = labels[i] == predictions[i];
        }
        return correct;
    }

    /** Returns the number of {@code true} entries. */
    public static int count(boolean[] values) {
        int count = 0;
        for (boolean value : values) {
            if (value) {
                count++;
            }
        }
        return count;
    }

    /** Returns the fraction of {@code true} entries of a non-empty array. */
    public static double fraction(boolean[] values) {
        return (double) count(values) / values.length;
    }

    /** Returns the number of distinct values in a non-empty array. */
    public static int distinct(int[] values) {
        return (int) java.util.Arrays.stream(values).distinct().count();
    }
}
