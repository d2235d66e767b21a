package org.lens4j.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import org.lens4j.core.capture.ForwardHooks;

/**
 * A fully connected layer, {@code y = x Wᵀ + b}, as {@code torch.nn.Linear}.
 *
 * <p>Dimensions: {@code in} input features, {@code out} output features; the input is
 * {@code [..., in]} and the output {@code [..., out]}. The weight is stored as the checkpoint
 * stores it, {@code [out, in]}, and multiplied through a transposed view.
 */
public final class Linear implements Block {

    private final String name;
    private final NDArray weightTransposed;
    private final NDArray bias;
    private final long inFeatures;
    private final long outFeatures;

    private Linear(String name, NDArray weight, NDArray bias) {
        this.name = Objects.requireNonNull(name, "name");
        this.outFeatures = weight.getShape().get(0);
        this.inFeatures = weight.getShape().get(1);
        this.weightTransposed = weight.transpose(1, 0);
        this.bias = bias;
    }

    /**
     * Loads {@code <name>.weight} {@code [out, in]} and, when {@code withBias}, {@code <name>.bias}
     * {@code [out]}.
     */
    public static Linear load(WeightSource weights, NDManager manager, String name, long in, long out,
            boolean withBias) {
        NDArray weight = weights.load(manager, name + ".weight", new Shape(out, in), WeightInit.NORMAL);
        NDArray bias = withBias ? weights.load(manager, name + ".bias", new Shape(out), WeightInit.ZEROS) : null;
        return new Linear(name, weight, bias);
    }

    /**
     * Wraps an existing weight {@code [out, in]}, for example an embedding matrix shared with the
     * output head.
     *
     * @param bias {@code [out]} or {@code null}
     */
    public static Linear of(String name, NDArray weight, NDArray bias) {
        if (weight.getShape().dimension() != 2) {
            throw new IllegalArgumentException("linear weight of '" + name + "' must be 2-D [out, in], got "
                    + weight.getShape());
        }
        return new Linear(name, weight, bias);
    }

    /** Returns the dotted module name. */
    @Override
    public String name() {
        return name;
    }

    /** Returns the number of input features. */
    public long inFeatures() {
        return inFeatures;
    }

    /** Returns the number of output features. */
    public long outFeatures() {
        return outFeatures;
    }

    /** Applies the layer without reporting to hooks: {@code [..., in]} → {@code [..., out]}. */
    public NDArray apply(NDArray x) {
        NDArray y = x.matMul(weightTransposed);
        if (bias != null) {
            y.addi(bias);
        }
        return y;
    }

    /** Applies the layer and reports its input and output under {@link #name()}. */
    @Override
    public NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray y = apply(x);
        hooks.onOutput(name, y);
        return y;
    }
}
