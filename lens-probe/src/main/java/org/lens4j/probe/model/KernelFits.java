package org.lens4j.probe.model;

/**
 * Test-part outcomes of many kernel-form logistic fits on one {@link GramMatrix}, one per label
 * set. Class 1 is predicted where the decision value is positive.
 */
public final class KernelFits {

    private final double[][] decisionValues;
    private final int[][] testTargets;
    private final int[] iterations;
    private final boolean[] converged;

    KernelFits(double[][] decisionValues, int[][] testTargets, int[] iterations, boolean[] converged) {
        this.decisionValues = decisionValues;
        this.testTargets = testTargets;
        this.iterations = iterations;
        this.converged = converged;
    }

    /** Returns the number of fits. */
    public int size() {
        return decisionValues.length;
    }

    /** Returns the test decision values {@code K_test α + b} of fit {@code fit} (a copy). */
    public double[] decisionValues(int fit) {
        return decisionValues[fit].clone();
    }

    /** Returns the predicted class (0 or 1) of every test row of fit {@code fit}. */
    public int[] predictions(int fit) {
        double[] values = decisionValues[fit];
        int[] predictions = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            predictions[i] = values[i] > 0 ? 1 : 0;
        }
        return predictions;
    }

    /** Returns the test accuracy of fit {@code fit} against its test targets. */
    public double accuracy(int fit) {
        int[] predictions = predictions(fit);
        int[] targets = testTargets[fit];
        int correct = 0;
        for (int i = 0; i < predictions.length; i++) {
            correct += predictions[i] == targets[i] ? 1 : 0;
        }
        return correct / (double) predictions.length;
    }

    /** Returns the test accuracy of every fit. */
    public double[] accuracies() {
        double[] accuracies = new double[size()];
        for (int fit = 0; fit < accuracies.length; fit++) {
            accuracies[fit] = accuracy(fit);
        }
        return accuracies;
    }

    /** Returns the balanced test accuracy (mean recall of the classes present) of every fit. */
    public double[] balancedAccuracies() {
        double[] balanced = new double[size()];
        for (int fit = 0; fit < balanced.length; fit++) {
            balanced[fit] = org.lens4j.probe.internal.Scoring.balancedAccuracy(testTargets[fit], predictions(fit), 2);
        }
        return balanced;
    }

    /** Returns the Newton iterations of fit {@code fit}. */
    public int iterations(int fit) {
        return iterations[fit];
    }

    /** Returns whether every fit met the tolerance. */
    public boolean allConverged() {
        for (boolean value : converged) {
            if (!value) {
                return false;
            }
        }
        return true;
    }
}
