package org.lens4j.probe.model;

import java.util.Objects;
import org.lens4j.probe.FeatureSet;
import org.lens4j.probe.LabelMap;
import org.lens4j.probe.model.internal.LinearScorer;
import org.lens4j.probe.model.internal.Scorer;
import org.lens4j.probe.model.internal.Standardizer;

/**
 * A trained probe: the standardisation learnt from the training rows and the model behind it.
 * It keeps Java arrays only, so it owns no native memory.
 */
public final class FittedProbe {

    private final ProbeConfig config;
    private final LabelMap labelMap;
    private final Standardizer standardizer;
    private final Scorer scorer;
    private final TrainingSummary training;
    private final int dimension;

    FittedProbe(ProbeConfig config, LabelMap labelMap, Standardizer standardizer, Scorer scorer,
            TrainingSummary training, int dimension) {
        this.config = config;
        this.labelMap = labelMap;
        this.standardizer = standardizer;
        this.scorer = scorer;
        this.training = training;
        this.dimension = dimension;
    }

    /** Returns the configuration it was trained with. */
    public ProbeConfig config() {
        return config;
    }

    /** Returns the label map of its outputs. */
    public LabelMap labelMap() {
        return labelMap;
    }

    /** Returns how training went. */
    public TrainingSummary training() {
        return training;
    }

    /**
     * Returns class probabilities of {@code rows} of {@code data}, {@code rows.length × classes} in
     * label-map order.
     *
     * @throws IllegalArgumentException if the feature dimension differs from the training features
     */
    public double[][] probabilities(FeatureSet data, int[] rows) {
        Objects.requireNonNull(data, "data");
        if (data.dimension() != dimension) {
            throw new IllegalArgumentException("features have dimension " + data.dimension()
                    + " but the probe was trained on dimension " + dimension);
        }
        double[] x = standardizer.transform(data.toArray(), dimension, rows);
        return scorer.probabilities(x, rows.length);
    }

    /** Returns the predicted class index (highest probability, ties to the lower index) of each row. */
    public int[] predict(FeatureSet data, int[] rows) {
        double[][] probabilities = probabilities(data, rows);
        int[] predictions = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            predictions[i] = argMax(probabilities[i]);
        }
        return predictions;
    }

    /**
     * Returns the coefficients of a linear probe in standardised feature space: one row for a
     * binary probe (the weights of class 1), one row per class for a multinomial one.
     *
     * @throws UnsupportedOperationException for an MLP probe
     */
    public double[][] coefficients() {
        LinearScorer linear = linear("coefficients");
        double[][] copy = new double[linear.weights().length][];
        for (int k = 0; k < copy.length; k++) {
            copy[k] = linear.weights()[k].clone();
        }
        return copy;
    }

    /**
     * Returns the intercepts of a linear probe (one for binary, one per class otherwise).
     *
     * @throws UnsupportedOperationException for an MLP probe
     */
    public double[] intercepts() {
        return linear("intercepts").intercepts().clone();
    }

    /**
     * Returns the decision values {@code W z + b} of a linear probe on standardised rows, {@code
     * rows.length × outputs} (one column for binary).
     *
     * @throws UnsupportedOperationException for an MLP probe
     */
    public double[][] decisionValues(FeatureSet data, int[] rows) {
        LinearScorer linear = linear("decisionValues");
        return linear.decisionValues(standardizer.transform(data.toArray(), dimension, rows), rows.length);
    }

    private LinearScorer linear(String operation) {
        if (scorer instanceof LinearScorer linear) {
            return linear;
        }
        throw new UnsupportedOperationException(operation + " exists for linear probes only, not for "
                + config.describe());
    }

    static int argMax(double[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            if (values[k] > values[best]) {
                best = k;
            }
        }
        return best;
    }
}
