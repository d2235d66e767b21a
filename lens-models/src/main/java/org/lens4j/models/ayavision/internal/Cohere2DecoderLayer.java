package org.lens4j.models.ayavision.internal;

import ai.djl.ndarray.NDArray;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.ayavision.Cohere2TextConfig;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.StepScope;
import org.lens4j.models.blocks.internal.WeightLoader;

/**
 * {@code Cohere2DecoderLayer}: one LayerNorm feeds attention and the MLP in parallel, and both
 * branches add to the residual, {@code y = x + attn(LN(x)) + mlp(LN(x))}.
 */
final class Cohere2DecoderLayer {

    private final String name;
    private final boolean sliding;
    private final Cohere2Attention selfAttn;
    private final Cohere2Mlp mlp;
    private final Cohere2LayerNorm inputLayernorm;

    private Cohere2DecoderLayer(String name, boolean sliding, Cohere2Attention selfAttn, Cohere2Mlp mlp,
            Cohere2LayerNorm inputLayernorm) {
        this.name = name;
        this.sliding = sliding;
        this.selfAttn = selfAttn;
        this.mlp = mlp;
        this.inputLayernorm = inputLayernorm;
    }

    static void list(ModuleListing out, String name, Cohere2TextConfig config) {
        out.add(name, "Cohere2DecoderLayer", ModuleKind.SEQUENCE);
        Cohere2Attention.list(out, name + ".self_attn");
        Cohere2Mlp.list(out, name + ".mlp", config);
        out.add(name + ".input_layernorm", "Cohere2LayerNorm", ModuleKind.SEQUENCE);
    }

    static Cohere2DecoderLayer load(WeightLoader parameters, String name, int index, Cohere2TextConfig config) {
        boolean sliding = config.isSliding(index);
        return new Cohere2DecoderLayer(name, sliding,
                Cohere2Attention.load(parameters, name + ".self_attn", sliding, config),
                Cohere2Mlp.load(parameters, name + ".mlp", config),
                Cohere2LayerNorm.load(parameters, name + ".input_layernorm", config.hiddenSize(),
                        config.layerNormEps()));
    }

    /** Returns whether this layer attends within the sliding window. */
    boolean sliding() {
        return sliding;
    }

    /**
     * Runs the layer on {@code x [b, s, D]}; intermediates are freed before it returns.
     *
     * @param mask the additive mask of this layer's kind (windowed or global), {@code [b, 1, s, s]}
     * @return {@code [b, s, D]} in {@code x}'s manager
     */
    NDArray forward(NDArray x, InterleavedRotary.Tables tables, NDArray mask, ForwardHooks hooks) {
        hooks.onInput(name, x);
        try (StepScope step = StepScope.around(x)) {
            NDArray normed = inputLayernorm.forward(x, hooks); // [b, s, D]
            NDArray attended = selfAttn.forward(normed, tables, mask, hooks); // [b, s, D]
            NDArray transformed = mlp.forward(normed, hooks); // [b, s, D]
            NDArray y = x.add(attended).add(transformed); // [b, s, D]
            hooks.onOutput(name, y);
            return step.keep(y);
        }
    }
}
