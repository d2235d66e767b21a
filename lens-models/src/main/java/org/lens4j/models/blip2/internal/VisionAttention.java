package org.lens4j.models.blip2.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.WeightInit;
import org.lens4j.models.blocks.WeightSource;

/**
 * EVA self-attention ({@code Blip2Attention}): one fused {@code qkv} projection whose output is
 * laid out {@code [3, heads, head size]} per token, softmax attention without a mask and the
 * {@code projection} back to the width.
 *
 * <p>The fused bias is {@code qkv.bias} {@code [3·width]} as transformers 4.47 saves it; checkpoints
 * written by older versions store {@code q_bias} and {@code v_bias} instead, which are assembled as
 * {@code cat(q_bias, 0, v_bias)}. Dimensions: input and output {@code [B, L, width]}.
 */
final class VisionAttention {

    private final String name;
    private final Linear qkv;
    private final Linear projection;
    private final int heads;
    private final float scale;

    VisionAttention(WeightSource weights, NDManager manager, String name, Blip2Config.Vision vision) {
        this.name = name;
        this.heads = vision.heads();
        this.scale = (float) Math.pow(vision.headSize(), -0.5);
        long width = vision.hidden();
        NDArray weight = weights.load(manager, name + ".qkv.weight", new Shape(3 * width, width), WeightInit.NORMAL);
        NDArray bias = vision.qkvBias() ? fusedBias(weights, manager, name, width) : null;
        this.qkv = Linear.of(name + ".qkv", weight, bias);
        this.projection = Linear.load(weights, manager, name + ".projection", width, width, true);
    }

    private static NDArray fusedBias(WeightSource weights, NDManager manager, String name, long width) {
        if (weights.contains(name + ".qkv.bias") || !weights.contains(name + ".q_bias")) {
            return weights.load(manager, name + ".qkv.bias", new Shape(3 * width), WeightInit.ZEROS);
        }
        NDArray query = weights.load(manager, name + ".q_bias", new Shape(width), WeightInit.ZEROS);
        NDArray value = weights.load(manager, name + ".v_bias", new Shape(width), WeightInit.ZEROS);
        NDArray fused = query.concat(manager.zeros(new Shape(width)), 0).concat(value, 0);
        query.close();
        value.close();
        return fused;
    }

    /** Attends over all tokens of each image: {@code [B, L, width]} → {@code [B, L, width]}. */
    NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        Shape s = x.getShape();
        long batch = s.get(0);
        long length = s.get(1);
        long headSize = s.get(2) / heads;

        // [B, L, 3·width] → [3, B, heads, L, head size]
        NDArray mixed = qkv.forward(x, hooks).reshape(batch, length, 3, heads, headSize).transpose(2, 0, 3, 1, 4);
        NDArray context = ProbabilityAttention.attend(mixed.get(0), mixed.get(1), mixed.get(2), scale,
                name + ".dropout", hooks);
        NDArray out = projection.forward(context, hooks);
        hooks.onOutput(name, out);
        return out;
    }
}
