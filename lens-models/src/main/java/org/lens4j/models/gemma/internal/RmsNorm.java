package org.lens4j.models.gemma.internal;

import ai.djl.ndarray.NDArray;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.internal.WeightLoader;

/**
 * Root-mean-square normalisation over the last axis, {@code y = x / √(mean(x²) + ε) · scale},
 * computed in float32. Gemma stores the scale as an offset from one ({@code scale = 1 + w}), and Llama
 * stores it directly ({@code scale = w}).
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

    /**
     * Loads {@code <name>.weight [width]}.
     *
     * @param offsetFromOne true for Gemma's {@code 1 + w} scale
     */
    public static RmsNorm load(WeightLoader parameters, String name, long width, double eps,
            boolean offsetFromOne) {
        NDArray weight = parameters.load(name + ".weight",
                offsetFromOne ? WeightLoader.Init.ZEROS : WeightLoader.Init.ONES, width);
        NDArray scale = offsetFromOne ? weight.add(1f) : weight;
        return new RmsNorm(name, scale, (float) eps);
    }

    /** Normalises {@code x [..., width]}, reporting input and output under the module name. */
    public NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray meanSquare = x.mul(x).mean(new int[] {-1}, true); // [..., 1]
        NDArray y = x.div(meanSquare.addi(eps).sqrt()).muli(scale);
        hooks.onOutput(name, y);
        return y;
    }
}
