package org.lens4j.probe.model;

/**
 * Immutable settings of a probe: what model is trained on the features and how. Every result
 * records the configuration it was trained with.
 */
public sealed interface ProbeConfig permits LogisticProbe, MlpProbe {

    /**
     * Returns whether features are standardised before training: {@code z = (x − μ) / σ} per column,
     * with mean {@code μ} and population standard deviation {@code σ} of the training rows only
     * ({@code σ = 0} is replaced by 1, as scikit-learn's {@code StandardScaler} does).
     */
    boolean standardize();

    /** Returns a one-line description, such as {@code "logistic L2 C=1.0 lbfgs"}. */
    String describe();
}
