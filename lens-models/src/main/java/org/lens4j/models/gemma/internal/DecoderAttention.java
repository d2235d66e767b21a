package org.lens4j.models.gemma.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.Attention;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.gemma.DecoderConfig;

/**
 * Self-attention with rotary positions and grouped key/value heads.
 *
 * <pre>
 * b batch   s sequence   D hidden   H query heads   G key/value heads   d head size
 * </pre>
 */
public final class DecoderAttention {

    private final String name;
    private final DecoderConfig config;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;

    private DecoderAttention(String name, DecoderConfig config, WeightLoader parameters) {
        this.name = name;
        this.config = config;
        long hidden = config.hiddenSize();
        long queryWidth = (long) config.numHeads() * config.headSize();
        long keyWidth = (long) config.numKeyValueHeads() * config.headSize();
        boolean bias = config.attentionBias();
        this.query = parameters.loadLinear(name + ".q_proj", hidden, queryWidth, bias);
        this.key = parameters.loadLinear(name + ".k_proj", hidden, keyWidth, bias);
        this.value = parameters.loadLinear(name + ".v_proj", hidden, keyWidth, bias);
        this.output = parameters.loadLinear(name + ".o_proj", queryWidth, hidden, bias);
    }

    /** Loads the attention called {@code name}, for example {@code language_model.model.layers.0.self_attn}. */
    public static DecoderAttention load(WeightLoader parameters, String name, DecoderConfig config) {
        return new DecoderAttention(name, config, parameters);
    }

    /**
     * Attends over {@code x [b, s, D]}.
     *
     * @param rotary the rotary table, used when the layer owns a {@code rotary_emb} module (Gemma)
     * @param cosSin {cos, sin} {@code [r, s, d]} computed once by the model (Llama), or {@code null}
     * @param positions the positions {@code [r][s]}, for a layer-owned rotary module
     * @param mask the additive mask {@code [b, 1, s, s]}
     * @return {@code [b, s, D]}
     */
    public NDArray forward(NDArray x, RotaryTable rotary, NDList cosSin, long[][] positions, NDArray mask,
            ForwardHooks hooks) {
        hooks.onInput(name, x);
        long headSize = config.headSize();
        NDArray q = Attention.splitHeads(query.forward(x, hooks), config.numHeads(), headSize); // [b, H, s, d]
        NDArray k = Attention.splitHeads(key.forward(x, hooks), config.numKeyValueHeads(), headSize);
        NDArray v = Attention.splitHeads(value.forward(x, hooks), config.numKeyValueHeads(), headSize);

        NDList angles = cosSin;
        if (angles == null) {
            String rotaryModule = name + ".rotary_emb";
            hooks.onInput(rotaryModule, v);
            angles = rotary.cosSin(positions, x.getManager()); // [r, s, d] each
            hooks.onOutput(rotaryModule, angles.get(0));
        }
        q = RotaryTable.apply(q, angles.get(0), angles.get(1));
        k = RotaryTable.apply(k, angles.get(0), angles.get(1));

        NDArray context = Attention.scaledDotProduct(q, k, v, mask, (float) (1.0 / Math.sqrt(headSize))); // [b, H, s, d]
        NDArray y = output.forward(Attention.mergeHeads(context), hooks); // [b, s, D]
        hooks.onOutput(name, y);
        return y;
    }
}
