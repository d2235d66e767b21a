package org.lens4j.probe.model;

/** Hidden-layer activation of an {@link MlpProbe}. */
public enum Activation {

    /** {@code relu(x) = max(0, x)}. */
    RELU,

    /**
     * The exact Gaussian error linear unit {@code gelu(x) = x · Φ(x) = x · (1 + erf(x / √2)) / 2}
     * (the default of PyTorch's {@code nn.GELU}, not its tanh approximation).
     */
    GELU
}
