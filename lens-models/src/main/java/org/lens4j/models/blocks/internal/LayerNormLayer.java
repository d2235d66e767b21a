package org.lens4j.models.blocks.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.internal.WeightLoader.Init;

/**
 * {@code nn.LayerNorm} over the last axis with a learned scale and bias, computed by DJL's fused
 * layer-norm operator.
 */
public final class LayerNormLayer {

    private final String name;
    private final NDArray weight;
    private final NDArray bias;
    private final float eps;
    private final Shape normalizedShape;

    private LayerNormLayer(String name, NDArray weight, NDArray bias, float eps) {
        this.name = name;
        this.weight = weight;
        this.bias = bias;
        this.eps = eps;
        this.normalizedShape = weight.getShape();
    }

    /** Loads {@code name.weight} and {@code name.bias}, both {@code [size]}. */
    public static LayerNormLayer load(WeightLoader weights, String name, long size, double eps) {
        NDArray weight = weights.load(name + ".weight", Init.ONES, size);
        NDArray bias = weights.load(name + ".bias", Init.ZEROS, size);
        return new LayerNormLayer(name, weight, bias, (float) eps);
    }

    /** Returns the module name. */
    public String name() {
        return name;
    }

    /** Normalises {@code x [..., size]}, reporting input and output under the module name. */
    public NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray y = LayerNorm.layerNorm(x, normalizedShape, weight, bias, eps).singletonOrThrow();
        hooks.onOutput(name, y);
        return y;
    }
}
