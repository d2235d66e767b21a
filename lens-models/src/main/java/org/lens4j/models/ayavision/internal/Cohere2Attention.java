package org.lens4j.models.ayavision.internal;

import ai.djl.ndarray.NDArray;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.ayavision.Cohere2TextConfig;
import org.lens4j.models.blocks.Attention;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;

/**
 * {@code Cohere2Attention}: grouped-query self-attention. Sliding-window layers rotate queries and
 * keys with interleaved rotary positions, and global layers use no positions at all.
 *
 * <pre>
 * b batch   s sequence   D hidden   H query heads   K key/value heads   d head size
 * </pre>
 */
final class Cohere2Attention {

    private final String name;
    private final boolean rotary;
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final Linear qProj;
    private final Linear kProj;
    private final Linear vProj;
    private final Linear oProj;

    private Cohere2Attention(String name, boolean rotary, Cohere2TextConfig config, Linear qProj, Linear kProj,
            Linear vProj, Linear oProj) {
        this.name = name;
        this.rotary = rotary;
        this.heads = config.numHeads();
        this.kvHeads = config.numKeyValueHeads();
        this.headDim = config.headDim();
        this.qProj = qProj;
        this.kProj = kProj;
        this.vProj = vProj;
        this.oProj = oProj;
    }

    static void list(ModuleListing out, String name) {
        out.add(name, "Cohere2Attention", ModuleKind.SEQUENCE);
        for (String proj : new String[] {"q_proj", "k_proj", "v_proj", "o_proj"}) {
            out.add(name + "." + proj, "Linear", ModuleKind.SEQUENCE);
        }
    }

    /** Loads the projections; {@code rotary} is set for sliding-window layers. */
    static Cohere2Attention load(WeightLoader parameters, String name, boolean rotary, Cohere2TextConfig config) {
        long hidden = config.hiddenSize();
        long queryWidth = (long) config.numHeads() * config.headDim();
        long kvWidth = (long) config.numKeyValueHeads() * config.headDim();
        boolean bias = config.attentionBias();
        return new Cohere2Attention(name, rotary, config,
                parameters.loadLinear(name + ".q_proj", hidden, queryWidth, bias),
                parameters.loadLinear(name + ".k_proj", hidden, kvWidth, bias),
                parameters.loadLinear(name + ".v_proj", hidden, kvWidth, bias),
                parameters.loadLinear(name + ".o_proj", queryWidth, hidden, bias));
    }

    /**
     * Attends over {@code x [b, s, D]}.
     *
     * @param tables the rotary tables, used on sliding-window layers only
     * @param mask additive mask {@code [b, 1, s, s]}
     * @return {@code [b, s, D]}
     */
    NDArray forward(NDArray x, InterleavedRotary.Tables tables, NDArray mask, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray q = Attention.splitHeads(qProj.forward(x, hooks), heads, headDim); // [b, H, s, d]
        NDArray k = Attention.splitHeads(kProj.forward(x, hooks), kvHeads, headDim); // [b, K, s, d]
        NDArray v = Attention.splitHeads(vProj.forward(x, hooks), kvHeads, headDim); // [b, K, s, d]
        if (rotary) {
            q = InterleavedRotary.apply(q, tables);
            k = InterleavedRotary.apply(k, tables);
        }

        float scale = (float) (1.0 / Math.sqrt(headDim));
        NDArray context = Attention.scaledDotProduct(q, k, v, mask, scale); // [b, H, s, d]
        NDArray y = oProj.forward(Attention.mergeHeads(context), hooks); // [b, s, D]
        hooks.onOutput(name, y);
        return y;
    }
}
