package org.lens4j.models.llama.internal;

import ai.djl.ndarray.NDArray;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.StepScope;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.llama.DecoderLayout;
import org.lens4j.models.llama.LlamaTextConfig;

/** One decoder layer: pre-RMSNorm attention and MLP, each with a residual connection. */
public final class LlamaDecoderLayer {

    private final String name;
    private final LlamaAttention selfAttn;
    private final LlamaMlp mlp;
    private final RmsNorm inputLayernorm;
    private final RmsNorm postAttentionLayernorm;

    private LlamaDecoderLayer(String name, LlamaAttention selfAttn, LlamaMlp mlp, RmsNorm inputLayernorm,
            RmsNorm postAttentionLayernorm) {
        this.name = name;
        this.selfAttn = selfAttn;
        this.mlp = mlp;
        this.inputLayernorm = inputLayernorm;
        this.postAttentionLayernorm = postAttentionLayernorm;
    }

    /** Lists the layer and its children in registration order. */
    public static void list(ModuleListing out, String name, LlamaTextConfig config, DecoderLayout layout) {
        out.add(name, config.typeName("DecoderLayer"), ModuleKind.SEQUENCE);
        LlamaAttention.list(out, name + ".self_attn", config, layout);
        LlamaMlp.list(out, name + ".mlp", config);
        out.add(name + ".input_layernorm", config.typeName("RMSNorm"), ModuleKind.SEQUENCE);
        out.add(name + ".post_attention_layernorm", config.typeName("RMSNorm"), ModuleKind.SEQUENCE);
    }

    /** Loads the layer's weights. */
    public static LlamaDecoderLayer load(WeightLoader weights, String name, LlamaTextConfig config) {
        boolean offset = config.variant().rmsNormUnitOffset();
        return new LlamaDecoderLayer(name,
                LlamaAttention.load(weights, name + ".self_attn", config),
                LlamaMlp.load(weights, name + ".mlp", config),
                RmsNorm.load(weights, name + ".input_layernorm", config.hiddenSize(), config.rmsNormEps(), offset),
                RmsNorm.load(weights, name + ".post_attention_layernorm", config.hiddenSize(),
                        config.rmsNormEps(), offset));
    }

    /**
     * Runs the layer on {@code x [b, s, D]}; intermediates are freed before it returns.
     *
     * @return {@code [b, s, D]} in {@code x}'s manager
     */
    public NDArray forward(NDArray x, RotaryEmbedding.Tables rotary, NDArray mask, ForwardHooks hooks) {
        try (StepScope scope = StepScope.around(x)) {
            hooks.onInput(name, x);
            NDArray normed = inputLayernorm.forward(x, hooks); // [b, s, D]
            NDArray residual = x.add(selfAttn.forward(normed, rotary, mask, hooks)); // [b, s, D]

            NDArray normed2 = postAttentionLayernorm.forward(residual, hooks); // [b, s, D]
            NDArray y = residual.add(mlp.forward(normed2, hooks)); // [b, s, D]
            hooks.onOutput(name, y);
            return scope.keep(y);
        }
    }
}
