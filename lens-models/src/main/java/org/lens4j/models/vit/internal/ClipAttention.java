package org.lens4j.models.vit.internal;

import ai.djl.ndarray.NDArray;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.Attention;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.vit.ClipEncoderConfig;

/**
 * {@code CLIPAttention}: multi-head self-attention with biased q/k/v/out projections.
 *
 * <pre>
 * b batch   s sequence   D hidden   h heads   d = D / h
 * </pre>
 */
public final class ClipAttention {

    private final String name;
    private final int heads;
    private final int headDim;
    private final Linear kProj;
    private final Linear vProj;
    private final Linear qProj;
    private final Linear outProj;

    private ClipAttention(String name, ClipEncoderConfig config, Linear kProj, Linear vProj,
            Linear qProj, Linear outProj) {
        this.name = name;
        this.heads = config.numHeads();
        this.headDim = config.headDim();
        this.kProj = kProj;
        this.vProj = vProj;
        this.qProj = qProj;
        this.outProj = outProj;
    }

    /** Lists the module and its projections in registration order. */
    public static void list(ModuleListing out, String name, ModuleKind kind) {
        out.add(name, "CLIPAttention", kind);
        for (String proj : new String[] {"k_proj", "v_proj", "q_proj", "out_proj"}) {
            out.add(ModuleListing.join(name, proj), "Linear", kind);
        }
    }

    /** Loads the four projections. */
    public static ClipAttention load(WeightLoader weights, String name, ClipEncoderConfig config) {
        long width = config.hiddenSize();
        return new ClipAttention(name, config,
                weights.loadLinear(name + ".k_proj", width, width, true),
                weights.loadLinear(name + ".v_proj", width, width, true),
                weights.loadLinear(name + ".q_proj", width, width, true),
                weights.loadLinear(name + ".out_proj", width, width, true));
    }

    /**
     * Attends over {@code x [b, s, D]}.
     *
     * @param mask additive mask {@code [b, 1, s, s]}, or {@code null} for full attention
     * @return {@code [b, s, D]}
     */
    public NDArray forward(NDArray x, NDArray mask, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray q = qProj.forward(x, hooks); // [b, s, D]
        NDArray k = kProj.forward(x, hooks); // [b, s, D]
        NDArray v = vProj.forward(x, hooks); // [b, s, D]

        NDArray qh = Attention.splitHeads(q, heads, headDim); // [b, h, s, d]
        NDArray kh = Attention.splitHeads(k, heads, headDim);
        NDArray vh = Attention.splitHeads(v, heads, headDim);
        float scale = (float) (1.0 / Math.sqrt(headDim));
        NDArray context = AttentionMath.attend(qh, kh, vh, mask, scale); // [b, h, s, d]

        NDArray merged = Attention.mergeHeads(context); // [b, s, D]
        NDArray y = outProj.forward(merged, hooks); // [b, s, D]
        hooks.onOutput(name, y);
        return y;
    }
}
