package org.lens4j.probe.sweep;

/**
 * Scores of one layer from k-fold cross-validation inside the training part; the sweep chooses
 * its recommended layer from these, never from the test split.
 *
 * @param folds the number of folds {@code k}
 * @param mainAccuracy mean held-out accuracy of the main probe over the folds
 * @param controlAccuracy mean held-out accuracy of the shuffled-label control over the folds
 * @param selectivity mean over the folds of main minus control accuracy
 */
public record CrossValidation(int folds, double mainAccuracy, double controlAccuracy,
        double selectivity) {

    /** Validates the fold count. */
    public CrossValidation {
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2, got " + folds);
        }
    }
}
