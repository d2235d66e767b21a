package org.lens4j.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import org.lens4j.core.capture.ForwardHooks;

/**
 * Root-mean-square normalisation over the last dimension:
 * {@code y = x / sqrt(mean(x²) + eps) · w}, as Qwen2RMSNorm and LlamaRMSNorm, or
 * {@code · (1 + w)} when the weight is stored as an offset from one (GemmaRMSNorm).
 *
 * <p>Dimensions: input and output {@code [..., hidden]}; weight {@code [hidden]}. Computed in
 * float32, which is what the reference does for every input dtype.
 */
public final class RmsNorm implements Block {

    private final String name;
    private final NDArray scale;
    private final float eps;

    private RmsNorm(String name, NDArray scale, float eps) {
        this.name = Objects.requireNonNull(name, "name");
        this.scale = scale;
        this.eps = eps;
    }

    /** Loads {@code <name>.weight} {@code [hidden]}; the scale is the weight itself. */
    public static RmsNorm load(WeightSource weights, NDManager manager, String name, long hidden, double eps) {
        NDArray weight = weights.load(manager, name + ".weight", new Shape(hidden), WeightInit.ONES);
        return new RmsNorm(name, weight, (float) eps);
    }

    /**
     * Loads {@code <name>.weight} {@code [hidden]} stored as an offset from one (Gemma): the scale
     * is {@code 1 + weight}. A random source initialises the offset to zero.
     */
    public static RmsNorm loadUnitOffset(WeightSource weights, NDManager manager, String name, long hidden,
            double eps) {
        NDArray weight = weights.load(manager, name + ".weight", new Shape(hidden), WeightInit.ZEROS);
        NDArray scale = weight.add(1f);
        weight.close();
        return new RmsNorm(name, scale, (float) eps);
    }

    /** Returns the dotted module name. */
    @Override
    public String name() {
        return name;
    }

    /** Normalises without reporting to hooks. */
    public NDArray apply(NDArray x) {
        NDArray rms = x.square().mean(new int[] {-1}, true).addi(eps).sqrt();
        return x.div(rms).muli(scale);
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
