package org.lens4j.models.qwen2vl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.GatedMlp;
import org.lens4j.models.blocks.RmsNorm;
import org.lens4j.models.blocks.Scopes;
import org.lens4j.models.blocks.WeightSource;

/**
 * One Qwen2 decoder layer: {@code h = x + self_attn(input_layernorm(x))},
 * {@code y = h + mlp(post_attention_layernorm(h))}. Input and output {@code [B, L, hidden]}.
 */
final class DecoderLayer {

    private final String name;
    private final RmsNorm inputNorm;
    private final DecoderAttention attention;
    private final RmsNorm postAttentionNorm;
    private final GatedMlp mlp;

    DecoderLayer(WeightSource weights, NDManager manager, String name, QwenVLConfig.Text text) {
        this.name = name;
        this.inputNorm = RmsNorm.load(weights, manager, name + ".input_layernorm", text.hidden(), text.rmsNormEps());
        this.attention = new DecoderAttention(weights, manager, name + ".self_attn", text);
        this.postAttentionNorm = RmsNorm.load(weights, manager, name + ".post_attention_layernorm", text.hidden(),
                text.rmsNormEps());
        this.mlp = GatedMlp.load(weights, manager, name + ".mlp", text.hidden(), text.intermediate(),
                text.activation(), false);
    }

    /** Runs the layer inside its own scope; see {@link DecoderAttention#forward} for the arguments. */
    NDArray forward(NDArray x, NDArray cos, NDArray sin, NDArray mask, ForwardHooks hooks) {
        return Scopes.step(x, input -> {
            hooks.onInput(name, input);
            NDArray attended = input.add(attention.forward(inputNorm.forward(input, hooks), cos, sin, mask, hooks));
            NDArray out = attended.add(mlp.forward(postAttentionNorm.forward(attended, hooks), hooks));
            hooks.onOutput(name, out);
            return out;
        });
    }
}
