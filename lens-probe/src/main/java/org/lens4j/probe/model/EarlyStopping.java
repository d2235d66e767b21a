package org.lens4j.probe.model;

/**
 * Early stopping on a validation part held out of the training rows (stratified and grouped like
 * every split, drawn from the run's seed). Training stops after {@code patience} epochs without a
 * lower validation loss, and the weights of the best epoch are kept.
 *
 * @param validationFraction fraction of each class of the training rows held out, in {@code (0, 1)}
 * @param patience epochs without improvement before stopping, at least 1
 */
public record EarlyStopping(double validationFraction, int patience) {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public EarlyStopping {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction is " + validationFraction
                    + "; it must lie strictly between 0 and 1");
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience is " + patience + "; it must be at least 1");
        }
    }
}
