package org.lens4j.models.gemma.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.internal.StepScope;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.gemma.DecoderConfig;

/** One pre-norm decoder layer: {@code h = x + Attn(N₁(x))}, {@code y = h + MLP(N₂(h))}, all {@code [b, s, D]}. */
public final class DecoderLayer {

    private final String name;
    private final RmsNorm inputNorm;
    private final DecoderAttention attention;
    private final RmsNorm postAttentionNorm;
    private final GatedMlp mlp;

    private DecoderLayer(String name, DecoderConfig config, WeightLoader parameters) {
        this.name = name;
        boolean offset = config.flavor() == DecoderConfig.Flavor.GEMMA;
        this.inputNorm = RmsNorm.load(parameters, name + ".input_layernorm", config.hiddenSize(),
                config.rmsNormEps(), offset);
        this.attention = DecoderAttention.load(parameters, name + ".self_attn", config);
        this.postAttentionNorm = RmsNorm.load(parameters, name + ".post_attention_layernorm", config.hiddenSize(),
                config.rmsNormEps(), offset);
        this.mlp = GatedMlp.load(parameters, name + ".mlp", config);
    }

    /** Loads the layer called {@code name}. */
    public static DecoderLayer load(WeightLoader parameters, String name, DecoderConfig config) {
        return new DecoderLayer(name, config, parameters);
    }

    /**
     * Runs the layer on {@code x}. The result lives in {@code x}'s manager and every intermediate is
     * freed. See {@link DecoderAttention#forward} for the rotary arguments.
     */
    public NDArray forward(NDArray x, RotaryTable rotary, NDList cosSin, long[][] positions, NDArray mask,
            ForwardHooks hooks) {
        hooks.onInput(name, x);
        try (StepScope step = StepScope.around(x)) {
            NDArray attended = attention.forward(inputNorm.forward(x, hooks), rotary, cosSin, positions, mask, hooks);
            NDArray h = x.add(attended);
            NDArray y = h.add(mlp.forward(postAttentionNorm.forward(h, hooks), hooks));
            hooks.onOutput(name, y);
            return step.keep(y);
        }
    }
}
