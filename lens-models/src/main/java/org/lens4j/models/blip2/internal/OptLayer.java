package org.lens4j.models.blip2.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.ActivationModule;
import org.lens4j.models.blocks.Attention;
import org.lens4j.models.blocks.LayerNorm;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.Scopes;
import org.lens4j.models.blocks.WeightSource;

/**
 * One OPT decoder layer ({@code OPTDecoderLayer}): causal self-attention and a two-layer
 * feed-forward block, each with a residual, LayerNorm before (pre-LN) or after (post-LN) it.
 *
 * <p>Dimensions: {@code B} batch, {@code L} sequence, {@code H} heads, {@code D} head size. The
 * layer's input and output are {@code [B, L, width]}. As in transformers, the feed-forward block
 * runs on the flattened sequence, so {@code final_layer_norm}, {@code fc1}, {@code activation_fn}
 * and {@code fc2} report {@code [B·L, width]} and {@code [B·L, ffn]}.
 */
final class OptLayer {

    private final String name;
    private final boolean normBefore;
    private final LayerNorm attentionNorm;
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear out;
    private final LayerNorm finalNorm;
    private final Linear fc1;
    private final ActivationModule activation;
    private final Linear fc2;
    private final int heads;
    private final float scale;

    OptLayer(WeightSource weights, NDManager manager, String name, Blip2Config.Opt text) {
        this.name = name;
        this.normBefore = text.layerNormBefore();
        this.heads = text.heads();
        this.scale = (float) Math.pow(text.headSize(), -0.5);
        long width = text.hidden();
        boolean bias = text.bias();
        this.attentionNorm = LayerNorm.load(weights, manager, name + ".self_attn_layer_norm", width, 1e-5, true);
        this.q = Linear.load(weights, manager, name + ".self_attn.q_proj", width, width, bias);
        this.k = Linear.load(weights, manager, name + ".self_attn.k_proj", width, width, bias);
        this.v = Linear.load(weights, manager, name + ".self_attn.v_proj", width, width, bias);
        this.out = Linear.load(weights, manager, name + ".self_attn.out_proj", width, width, bias);
        this.finalNorm = LayerNorm.load(weights, manager, name + ".final_layer_norm", width, 1e-5, true);
        this.fc1 = Linear.load(weights, manager, name + ".fc1", width, text.ffn(), bias);
        this.activation = new ActivationModule(name + ".activation_fn", text.activation());
        this.fc2 = Linear.load(weights, manager, name + ".fc2", text.ffn(), width, bias);
    }

    /**
     * Runs the layer inside its own scope.
     *
     * @param x {@code [B, L, width]}
     * @param mask additive causal and padding mask {@code [B, 1, L, L]}
     */
    NDArray forward(NDArray x, NDArray mask, ForwardHooks hooks) {
        return Scopes.step(x, input -> {
            hooks.onInput(name, input);
            NDArray attended = selfAttention(normBefore ? attentionNorm.forward(input, hooks) : input, mask, hooks)
                    .addi(input);
            if (!normBefore) {
                attended = attentionNorm.forward(attended, hooks);
            }

            Shape shape = attended.getShape();
            NDArray flat = attended.reshape(-1, shape.get(2));
            NDArray inner = activation.forward(fc1.forward(normBefore ? finalNorm.forward(flat, hooks) : flat, hooks),
                    hooks);
            NDArray result = fc2.forward(inner, hooks).addi(flat);
            if (!normBefore) {
                result = finalNorm.forward(result, hooks);
            }
            NDArray output = result.reshape(shape);
            hooks.onOutput(name, output);
            return output;
        });
    }

    /** {@code out_proj(softmax(q_proj(x)·D^-½ · k_proj(x)ᵀ + mask) · v_proj(x))}. */
    private NDArray selfAttention(NDArray x, NDArray mask, ForwardHooks hooks) {
        String attention = name + ".self_attn";
        hooks.onInput(attention, x);
        NDArray query = q.forward(x, hooks).mul(scale);
        NDArray key = k.forward(x, hooks);
        NDArray value = v.forward(x, hooks);
        NDArray context = Attention.scaledDotProduct(ProbabilityAttention.splitHeads(query, heads),
                ProbabilityAttention.splitHeads(key, heads), ProbabilityAttention.splitHeads(value, heads), mask, 1f);
        Shape s = x.getShape();
        NDArray joined = context.transpose(0, 2, 1, 3).reshape(s.get(0), s.get(1), s.get(2));
        NDArray output = out.forward(joined, hooks);
        hooks.onOutput(attention, output);
        return output;
    }
}
