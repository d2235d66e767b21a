package org.lens4j.models.siglip.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.internal.WeightLoader;

/** {@code torch.nn.LayerNorm} over the last axis, with a scale and a bias. */
public final class LayerNormLayer {

    private final String name;
    private final NDArray weight;
    private final NDArray bias;
    private final float eps;

    private LayerNormLayer(String name, NDArray weight, NDArray bias, float eps) {
        this.name = name;
        this.weight = weight;
        this.bias = bias;
        this.eps = eps;
    }

    /** Loads {@code <name>.weight} and {@code <name>.bias}, both {@code [width]}. */
    public static LayerNormLayer load(WeightLoader parameters, String name, long width, double eps) {
        NDArray weight = parameters.load(name + ".weight", WeightLoader.Init.ONES, width);
        NDArray bias = parameters.load(name + ".bias", WeightLoader.Init.ZEROS, width);
        return new LayerNormLayer(name, weight, bias, (float) eps);
    }

    /** Returns the module name. */
    public String name() {
        return name;
    }

    /** Normalises {@code x [..., width]}, reporting input and output under the module name. */
    public NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray y = LayerNorm.layerNorm(x, new Shape(weight.getShape().get(0)), weight, bias, eps).head();
        hooks.onOutput(name, y);
        return y;
    }
}
