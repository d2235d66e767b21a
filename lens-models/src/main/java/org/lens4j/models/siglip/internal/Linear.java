package org.lens4j.models.siglip.internal;

import ai.djl.ndarray.NDArray;
import java.util.Objects;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.internal.WeightLoader;

/**
 * A fully connected layer as {@code torch.nn.Linear}: {@code [..., in]} → {@code [..., out]},
 * {@code y = x Wᵀ + b}, with the weight kept as stored, {@code [out, in]}.
 */
public final class Linear {

    private final String name;
    private final NDArray weightTransposed;
    private final NDArray bias;

    private Linear(String name, NDArray weight, NDArray bias) {
        this.name = Objects.requireNonNull(name, "name");
        this.weightTransposed = weight.transpose(1, 0);
        this.bias = bias;
    }

    /** Loads {@code <name>.weight [out, in]} and, when {@code withBias}, {@code <name>.bias [out]}. */
    public static Linear load(WeightLoader parameters, String name, long in, long out, boolean withBias) {
        NDArray weight = parameters.load(name + ".weight", WeightLoader.Init.NORMAL, out, in);
        NDArray bias = withBias ? parameters.load(name + ".bias", WeightLoader.Init.ZEROS, out) : null;
        return new Linear(name, weight, bias);
    }

    /**
     * Wraps a loaded weight {@code [out, in]} (for example an embedding shared with an output head)
     * and an optional bias {@code [out]}.
     */
    public static Linear of(String name, NDArray weight, NDArray bias) {
        return new Linear(name, weight, bias);
    }

    /** Returns the module name. */
    public String name() {
        return name;
    }

    /** Applies the layer, reporting its input and output under its name. */
    public NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray y = apply(x);
        hooks.onOutput(name, y);
        return y;
    }

    /** Applies the layer without reporting to hooks. */
    public NDArray apply(NDArray x) {
        NDArray y = x.matMul(weightTransposed);
        return bias == null ? y : y.addi(bias);
    }
}
