package org.lens4j.probe.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Immutable settings of gradient training with Adam or AdamW.
 *
 * <p>Per step {@code t} with gradient {@code g} of the mean loss over the batch: {@code m = β₁m +
 * (1−β₁)g}, {@code v = β₂v + (1−β₂)g²}, {@code θ −= lr · m̂ / (√v̂ + ε)} with {@code m̂ = m / (1−β₁ᵗ)},
 * {@code v̂ = v / (1−β₂ᵗ)}. {@link Kind#ADAM} adds {@code weightDecay · θ} to {@code g} (coupled
 * L2, as PyTorch's {@code Adam}); {@link Kind#ADAMW} subtracts {@code lr · weightDecay · θ} from
 * {@code θ} separately (decoupled, as PyTorch's {@code AdamW}). Weight decay applies to weight
 * matrices, not biases.
 *
 * <p>Each epoch visits the training rows once, in a seeded random order cut into batches of
 * {@code batchSize} rows (the last one smaller); {@code batchSize = 0} means full-batch.
 *
 * @param kind Adam or AdamW
 * @param learningRate step size {@code lr > 0}
 * @param weightDecay decay {@code ≥ 0}
 * @param beta1 first-moment decay in {@code [0, 1)}
 * @param beta2 second-moment decay in {@code [0, 1)}
 * @param epsilon denominator guard {@code > 0}
 * @param epochs maximum number of epochs {@code ≥ 1}
 * @param batchSize rows per step, or 0 for full-batch
 * @param earlyStopping early stopping, or {@code null} for none
 */
public record Optimizer(Kind kind, double learningRate, double weightDecay, double beta1, double beta2,
        double epsilon, int epochs, int batchSize, EarlyStopping earlyStopping) {

    /** The update rule. */
    public enum Kind {
        /** Adam with coupled L2 weight decay. */
        ADAM,
        /** Adam with decoupled weight decay. */
        ADAMW
    }

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public Optimizer {
        Objects.requireNonNull(kind, "kind");
        positive("learningRate", learningRate);
        positive("epsilon", epsilon);
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weightDecay is " + weightDecay + "; it must be at least 0");
        }
        unitInterval("beta1", beta1);
        unitInterval("beta2", beta2);
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs is " + epochs + "; it must be at least 1");
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("batchSize is " + batchSize + "; use 0 for full-batch or a positive size");
        }
    }

    /** Returns Adam with lr 1e-3, no weight decay, β = (0.9, 0.999), ε = 1e-8, 200 full-batch epochs. */
    public static Optimizer adam() {
        return new Optimizer(Kind.ADAM, 1e-3, 0, 0.9, 0.999, 1e-8, 200, 0, null);
    }

    /** Returns AdamW with lr 1e-3, weight decay 0.01, β = (0.9, 0.999), ε = 1e-8, 200 full-batch epochs. */
    public static Optimizer adamW() {
        return new Optimizer(Kind.ADAMW, 1e-3, 0.01, 0.9, 0.999, 1e-8, 200, 0, null);
    }

    /** Returns a copy with another learning rate. */
    public Optimizer withLearningRate(double value) {
        return new Optimizer(kind, value, weightDecay, beta1, beta2, epsilon, epochs, batchSize, earlyStopping);
    }

    /** Returns a copy with another weight decay. */
    public Optimizer withWeightDecay(double value) {
        return new Optimizer(kind, learningRate, value, beta1, beta2, epsilon, epochs, batchSize, earlyStopping);
    }

    /** Returns a copy with another number of epochs. */
    public Optimizer withEpochs(int value) {
        return new Optimizer(kind, learningRate, weightDecay, beta1, beta2, epsilon, value, batchSize, earlyStopping);
    }

    /** Returns a copy with another batch size (0 = full-batch). */
    public Optimizer withBatchSize(int value) {
        return new Optimizer(kind, learningRate, weightDecay, beta1, beta2, epsilon, epochs, value, earlyStopping);
    }

    /** Returns a copy with early stopping, or without it when {@code value} is {@code null}. */
    public Optimizer withEarlyStopping(EarlyStopping value) {
        return new Optimizer(kind, learningRate, weightDecay, beta1, beta2, epsilon, epochs, batchSize, value);
    }

    /** Returns the early stopping settings, if any. */
    public Optional<EarlyStopping> earlyStoppingSettings() {
        return Optional.ofNullable(earlyStopping);
    }

    private static void positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " is " + value + "; it must be a positive finite number");
        }
    }

    private static void unitInterval(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " is " + value + "; it must lie in [0, 1)");
        }
    }
}
