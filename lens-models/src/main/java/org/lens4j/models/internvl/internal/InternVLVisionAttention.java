package org.lens4j.models.internvl.internal;

import ai.djl.ndarray.NDArray;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.Attention;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.internvl.InternVisionConfig;
import org.lens4j.models.vit.internal.AttentionMath;

/**
 * {@code InternVLVisionAttention}: separate query, key and value projections, optional RMS
 * normalisation of queries and keys over the full width ({@code q_norm}, {@code k_norm}, identities
 * otherwise), full attention and {@code projection_layer}.
 *
 * <pre>
 * n tiles   s tokens   D hidden   h heads   d = D / h
 * </pre>
 */
final class InternVLVisionAttention {

    /** Epsilon of the query and key RMSNorms, fixed in transformers' {@code InternVLVisionRMSNorm} default. */
    private static final double QK_NORM_EPS = 1e-6;

    private final String name;
    private final int heads;
    private final int headDim;
    private final Linear qProj;
    private final Linear kProj;
    private final Linear vProj;
    private final VisionNorm qNorm;
    private final VisionNorm kNorm;
    private final Linear projectionLayer;

    private InternVLVisionAttention(String name, InternVisionConfig config, Linear qProj, Linear kProj,
            Linear vProj, VisionNorm qNorm, VisionNorm kNorm, Linear projectionLayer) {
        this.name = name;
        this.heads = config.numHeads();
        this.headDim = config.headDim();
        this.qProj = qProj;
        this.kProj = kProj;
        this.vProj = vProj;
        this.qNorm = qNorm;
        this.kNorm = kNorm;
        this.projectionLayer = projectionLayer;
    }

    static void list(ModuleListing out, String name, InternVisionConfig config) {
        out.add(name, "InternVLVisionAttention", ModuleKind.VISION);
        for (String proj : new String[] {"q_proj", "k_proj", "v_proj", "projection_layer"}) {
            out.add(name + "." + proj, "Linear", ModuleKind.VISION);
        }
        out.add(name + ".projection_dropout", "Identity", ModuleKind.VISION);
        String normType = config.qkNorm() ? "InternVLVisionRMSNorm" : "Identity";
        out.add(name + ".q_norm", normType, ModuleKind.VISION);
        out.add(name + ".k_norm", normType, ModuleKind.VISION);
    }

    static InternVLVisionAttention load(WeightLoader weights, String name, InternVisionConfig config) {
        long width = config.hiddenSize();
        boolean bias = config.qkvBias();
        return new InternVLVisionAttention(name, config,
                weights.loadLinear(name + ".q_proj", width, width, bias),
                weights.loadLinear(name + ".k_proj", width, width, bias),
                weights.loadLinear(name + ".v_proj", width, width, bias),
                queryKeyNorm(weights, name + ".q_norm", config),
                queryKeyNorm(weights, name + ".k_norm", config),
                weights.loadLinear(name + ".projection_layer", width, width, true));
    }

    /** Attends over {@code x [n, s, D]}, giving {@code [n, s, D]}. */
    NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray q = qNorm.forward(qProj.forward(x, hooks), hooks); // [n, s, D]
        NDArray k = kNorm.forward(kProj.forward(x, hooks), hooks); // [n, s, D]
        NDArray v = vProj.forward(x, hooks); // [n, s, D]

        NDArray qh = Attention.splitHeads(q, heads, headDim); // [n, h, s, d]
        NDArray kh = Attention.splitHeads(k, heads, headDim);
        NDArray vh = Attention.splitHeads(v, heads, headDim);
        float scale = (float) (1.0 / Math.sqrt(headDim));
        NDArray context = AttentionMath.attend(qh, kh, vh, null, scale); // [n, h, s, d]

        NDArray y = projectionLayer.forward(Attention.mergeHeads(context), hooks); // [n, s, D]
        hooks.onInput(name + ".projection_dropout", y);
        hooks.onOutput(name + ".projection_dropout", y);
        hooks.onOutput(name, y);
        return y;
    }

    private static VisionNorm queryKeyNorm(WeightLoader weights, String name, InternVisionConfig config) {
        return config.qkNorm()
                ? VisionNorm.load(weights, name, config.hiddenSize(), QK_NORM_EPS, true)
                : VisionNorm.identity(name);
    }
}
