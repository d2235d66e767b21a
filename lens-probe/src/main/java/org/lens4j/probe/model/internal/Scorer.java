package org.lens4j.probe.model.internal;

/** A trained model that maps standardised rows to class probabilities. */
public interface Scorer {

    /**
     * Returns class probabilities, {@code rows × classes}.
     *
     * @param x standardised features, row-major {@code rows × d}
     * @param rows number of rows
     */
    double[][] probabilities(double[] x, int rows);
}
