package org.lens4j.models.vit.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.blocks.internal.WeightLoader.Init;

/** {@code nn.Linear}: {@code y = x Wᵀ + b} over the last axis, reporting to the hooks under its name. */
public final class LinearLayer {

    private final String name;
    private final NDArray weight;
    private final NDArray bias;

    private LinearLayer(String name, NDArray weight, NDArray bias) {
        this.name = name;
        this.weight = weight;
        this.bias = bias;
    }

    /** Loads {@code name.weight} {@code [out, in]} and, when {@code withBias}, {@code name.bias} {@code [out]}. */
    public static LinearLayer load(WeightLoader weights, String name, long in, long out, boolean withBias) {
        NDArray weight = weights.load(name + ".weight", Init.NORMAL, out, in);
        NDArray bias = withBias ? weights.load(name + ".bias", Init.ZEROS, out) : null;
        return new LinearLayer(name, weight, bias);
    }

    /** Wraps an existing weight {@code [out, in]} (a tied head); {@code bias} may be {@code null}. */
    public static LinearLayer of(String name, NDArray weight, NDArray bias) {
        return new LinearLayer(name, weight, bias);
    }

    /** Returns the module name. */
    public String name() {
        return name;
    }

    /** Applies the layer to {@code x [..., in]}, giving {@code [..., out]} in {@code x}'s manager. */
    public NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray y = bias == null
                ? Linear.linear(x, weight).singletonOrThrow()
                : Linear.linear(x, weight, bias).singletonOrThrow();
        hooks.onOutput(name, y);
        return y;
    }
}
