package org.lens4j.probe.internal;

/** Accuracy, balanced accuracy and the majority-class baseline of class-index vectors. */
public final class Scoring {

    private Scoring() {
    }

    /** Returns the fraction of positions where {@code predicted} equals {@code target}. */
    public static double accuracy(int[] target, int[] predicted) {
        int correct = 0;
        for (int i = 0; i < target.length; i++) {
            correct += target[i] == predicted[i] ? 1 : 0;
        }
        return correct / (double) target.length;
    }

    /** Returns the mean recall over the classes present in {@code target}. */
    public static double balancedAccuracy(int[] target, int[] predicted, int classes) {
        int[] count = new int[classes];
        int[] hits = new int[classes];
        for (int i = 0; i < target.length; i++) {
            count[target[i]]++;
            hits[target[i]] += target[i] == predicted[i] ? 1 : 0;
        }
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            if (count[c] > 0) {
                sum += hits[c] / (double) count[c];
                present++;
            }
        }
        return sum / present;
    }

    /** Returns the most frequent class of {@code trainTargets}, ties to the lower index. */
    public static int majorityClass(int[] trainTargets, int classes) {
        int[] count = new int[classes];
        for (int target : trainTargets) {
            count[target]++;
        }
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (count[c] > count[best]) {
                best = c;
            }
        }
        return best;
    }

    /** Returns the accuracy of predicting {@code majority} for every entry of {@code testTargets}. */
    public static double majorityBaseline(int[] trainTargets, int[] testTargets, int classes) {
        int majority = majorityClass(trainTargets, classes);
        int hits = 0;
        for (int target : testTargets) {
            hits += target == majority ? 1 : 0;
        }
        return hits / (double) testTargets.length;
    }
}
