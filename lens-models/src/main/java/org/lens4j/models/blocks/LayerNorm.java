package org.lens4j.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import org.lens4j.core.capture.ForwardHooks;

/**
 * Layer normalisation over the last dimension, as {@code torch.nn.LayerNorm}:
 * {@code y = (x − mean) / sqrt(var + eps) · weight + bias}, with the biased variance.
 *
 * <p>Dimensions: input and output {@code [..., hidden]}; weight and bias {@code [hidden]}. The bias
 * is optional (Cohere2 uses a LayerNorm without one).
 */
public final class LayerNorm implements Block {

    private final String name;
    private final NDArray weight;
    private final NDArray bias;
    private final float eps;

    private LayerNorm(String name, NDArray weight, NDArray bias, float eps) {
        this.name = Objects.requireNonNull(name, "name");
        this.weight = weight;
        this.bias = bias;
        this.eps = eps;
    }

    /** Loads {@code <name>.weight} and, when {@code withBias}, {@code <name>.bias}, both {@code [hidden]}. */
    public static LayerNorm load(WeightSource weights, NDManager manager, String name, long hidden, double eps,
            boolean withBias) {
        NDArray weight = weights.load(manager, name + ".weight", new Shape(hidden), WeightInit.ONES);
        NDArray bias = withBias ? weights.load(manager, name + ".bias", new Shape(hidden), WeightInit.ZEROS) : null;
        return new LayerNorm(name, weight, bias, (float) eps);
    }

    /** Returns the dotted module name. */
    @Override
    public String name() {
        return name;
    }

    /** Normalises without reporting to hooks. */
    public NDArray apply(NDArray x) {
        NDArray centered = x.sub(x.mean(new int[] {-1}, true));
        NDArray std = centered.square().mean(new int[] {-1}, true).addi(eps).sqrt();
        NDArray y = centered.div(std).muli(weight);
        if (bias != null) {
            y.addi(bias);
        }
        return y;
    }

    /** Normalises and reports input and output under {@link #name()}. */
    @Override
    public NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray y = apply(x);
        hooks.onOutput(name, y);
        return y;
    }
}
