package org.lens4j.models.llama.internal;

import ai.djl.ndarray.NDArray;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.blocks.internal.WeightLoader.Init;

/**
 * RMSNorm over the last axis: {@code x / √(mean(x²) + ε) · w}, or {@code · (1 + w)} for variants
 * that store the weight as an offset from one.
 */
public final class RmsNorm {

    private final String name;
    private final NDArray scale;
    private final float eps;

    private RmsNorm(String name, NDArray scale, float eps) {
        this.name = name;
        this.scale = scale;
        this.eps = eps;
    }

    /** Loads {@code name.weight} {@code [size]}; with {@code unitOffset} the scale applied is {@code 1 + weight}. */
    public static RmsNorm load(WeightLoader weights, String name, long size, double eps, boolean unitOffset) {
        NDArray weight = weights.load(name + ".weight", unitOffset ? Init.ZEROS : Init.ONES, size);
        NDArray scale = unitOffset ? weight.add(1f) : weight;
        return new RmsNorm(name, scale, (float) eps);
    }

    /** Normalises {@code x [..., size]}. */
    public NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray meanSquare = x.mul(x).mean(new int[] {-1}, true); // [..., 1]
        NDArray normed = x.div(meanSquare.add(eps).sqrt()); // [..., size]
        NDArray y = normed.mul(scale);
        hooks.onOutput(name, y);
        return y;
    }
}
