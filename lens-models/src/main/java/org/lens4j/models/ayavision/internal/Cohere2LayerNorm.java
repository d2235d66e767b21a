package org.lens4j.models.ayavision.internal;

import ai.djl.ndarray.NDArray;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.internal.WeightLoader;

/** {@code Cohere2LayerNorm}: mean-centred normalisation over the last axis with a scale and no bias. */
final class Cohere2LayerNorm {

    private final String name;
    private final NDArray weight;
    private final float eps;

    private Cohere2LayerNorm(String name, NDArray weight, float eps) {
        this.name = name;
        this.weight = weight;
        this.eps = eps;
    }

    static Cohere2LayerNorm load(WeightLoader parameters, String name, long width, double eps) {
        return new Cohere2LayerNorm(name, parameters.load(name + ".weight", WeightLoader.Init.ONES, width),
                (float) eps);
    }

    /** Normalises {@code x [..., D]}: {@code (x − mean) / √(var + ε) · weight}. */
    NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray centred = x.sub(x.mean(new int[] {-1}, true)); // [..., D]
        NDArray variance = centred.mul(centred).mean(new int[] {-1}, true); // [..., 1]
        NDArray y = centred.div(variance.add(eps).sqrt()).mul(weight); // [..., D]
        hooks.onOutput(name, y);
        return y;
    }
}
