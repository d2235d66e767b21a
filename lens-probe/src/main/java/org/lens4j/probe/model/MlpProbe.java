package org.lens4j.probe.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * Settings of a multilayer-perceptron probe: {@code d → h₁ → … → h_k → classes}, each hidden layer
 * an affine map followed by the activation and, in training, inverted dropout; the output is a
 * softmax trained on the mean cross-entropy with {@link Optimizer}.
 *
 * <p>Weights start from a seeded uniform draw in {@code ±1/√fan_in} (PyTorch's default for
 * {@code nn.Linear}), biases likewise.
 *
 * @param hiddenSizes widths of the hidden layers, each at least 1 (empty = multinomial logistic
 *     regression trained with Adam)
 * @param activation hidden activation
 * @param dropout probability of zeroing a hidden unit in training, in {@code [0, 1)}
 * @param optimizer training settings
 * @param standardize whether features are standardised with training statistics
 */
public record MlpProbe(int[] hiddenSizes, Activation activation, double dropout, Optimizer optimizer,
        boolean standardize) implements ProbeConfig {

    /**
     * Validates and copies the settings.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public MlpProbe {
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(optimizer, "optimizer");
        hiddenSizes = hiddenSizes.clone();
        for (int size : hiddenSizes) {
            if (size < 1) {
                throw new IllegalArgumentException("hidden size " + size + " in " + Arrays.toString(hiddenSizes)
                        + " is below 1");
            }
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout is " + dropout + "; it must lie in [0, 1)");
        }
    }

    /** Returns one hidden layer of {@code hidden} units, ReLU, no dropout, {@link Optimizer#adam()}, standardised. */
    public static MlpProbe of(int hidden) {
        return new MlpProbe(new int[] {hidden}, Activation.RELU, 0, Optimizer.adam(), true);
    }

    /** Returns a copy of the hidden sizes. */
    @Override
    public int[] hiddenSizes() {
        return hiddenSizes.clone();
    }

    /** Returns a copy with other hidden sizes. */
    public MlpProbe withHiddenSizes(int... value) {
        return new MlpProbe(value, activation, dropout, optimizer, standardize);
    }

    /** Returns a copy with another activation. */
    public MlpProbe withActivation(Activation value) {
        return new MlpProbe(hiddenSizes, value, dropout, optimizer, standardize);
    }

    /** Returns a copy with another dropout probability. */
    public MlpProbe withDropout(double value) {
        return new MlpProbe(hiddenSizes, activation, value, optimizer, standardize);
    }

    /** Returns a copy with other training settings. */
    public MlpProbe withOptimizer(Optimizer value) {
        return new MlpProbe(hiddenSizes, activation, dropout, value, standardize);
    }

    /** Returns a copy with standardisation switched on or off. */
    public MlpProbe withStandardize(boolean value) {
        return new MlpProbe(hiddenSizes, activation, dropout, optimizer, value);
    }

    @Override
    public String describe() {
        return "mlp " + Arrays.toString(hiddenSizes) + " " + activation.name().toLowerCase(java.util.Locale.ROOT)
                + " dropout=" + dropout + " " + optimizer.kind().name().toLowerCase(java.util.Locale.ROOT)
                + " lr=" + optimizer.learningRate() + " wd=" + optimizer.weightDecay() + " epochs="
                + optimizer.epochs() + " batch=" + optimizer.batchSize() + (standardize ? " standardised" : "");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MlpProbe that
                && Arrays.equals(hiddenSizes, that.hiddenSizes)
                && activation == that.activation
                && Double.compare(dropout, that.dropout) == 0
                && optimizer.equals(that.optimizer)
                && standardize == that.standardize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(hiddenSizes), activation, dropout, optimizer, standardize);
    }

    @Override
    public String toString() {
        return "MlpProbe[" + describe() + "]";
    }
}
