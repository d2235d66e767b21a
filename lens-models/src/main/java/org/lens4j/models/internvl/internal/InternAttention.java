package org.lens4j.models.internvl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.Attention;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.internvl.InternVisionConfig;

/**
 * {@code InternAttention} (remote-code layout): a fused {@code qkv} projection laid out as
 * {@code [q | k | v]}, optional RMS normalisation of queries and keys over the full width, full
 * attention and {@code proj}. {@code attn_drop} reports the attention probabilities
 * {@code [n, h, s, s]}; {@code proj_drop} and the module report {@code [n, s, D]}.
 *
 * <pre>
 * n tiles   s tokens   D hidden   h heads   d = D / h
 * </pre>
 */
final class InternAttention {

    private final String name;
    private final int width;
    private final int heads;
    private final int headDim;
    private final Linear qkv;
    private final VisionNorm qNorm;
    private final VisionNorm kNorm;
    private final Linear proj;

    private InternAttention(String name, InternVisionConfig config, Linear qkv, VisionNorm qNorm,
            VisionNorm kNorm, Linear proj) {
        this.name = name;
        this.width = config.hiddenSize();
        this.heads = config.numHeads();
        this.headDim = config.headDim();
        this.qkv = qkv;
        this.qNorm = qNorm;
        this.kNorm = kNorm;
        this.proj = proj;
    }

    static void list(ModuleListing out, String name, InternVisionConfig config) {
        out.add(name, "InternAttention", ModuleKind.VISION);
        out.add(name + ".qkv", "Linear", ModuleKind.VISION);
        // The attention probabilities [n, h, s, s] are not a [tiles, tokens, hidden] layout.
        out.add(name + ".attn_drop", "Dropout", ModuleKind.OTHER);
        out.add(name + ".proj_drop", "Dropout", ModuleKind.VISION);
        if (config.qkNorm()) {
            out.add(name + ".q_norm", "InternRMSNorm", ModuleKind.VISION);
            out.add(name + ".k_norm", "InternRMSNorm", ModuleKind.VISION);
        }
        out.add(name + ".proj", "Linear", ModuleKind.VISION);
    }

    static InternAttention load(WeightLoader weights, String name, InternVisionConfig config) {
        long width = config.hiddenSize();
        VisionNorm qNorm = null;
        VisionNorm kNorm = null;
        if (config.qkNorm()) {
            qNorm = VisionNorm.load(weights, name + ".q_norm", width, config.layerNormEps(), true);
            kNorm = VisionNorm.load(weights, name + ".k_norm", width, config.layerNormEps(), true);
        }
        return new InternAttention(name, config,
                weights.loadLinear(name + ".qkv", width, 3 * width, config.qkvBias()),
                qNorm, kNorm,
                weights.loadLinear(name + ".proj", width, width, true));
    }

    /** Attends over {@code x [n, s, D]}, giving {@code [n, s, D]}. */
    NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray fused = qkv.forward(x, hooks); // [n, s, 3·D]
        NDArray q = fused.get(new NDIndex("..., 0:{}", width)); // [n, s, D]
        NDArray k = fused.get(new NDIndex("..., {}:{}", width, 2 * width));
        NDArray v = fused.get(new NDIndex("..., {}:", 2 * width));
        if (qNorm != null) {
            q = qNorm.forward(q, hooks);
            k = kNorm.forward(k, hooks);
        }

        NDArray qh = Attention.splitHeads(q, heads, headDim).mul((float) (1.0 / Math.sqrt(headDim))); // [n, h, s, d]
        NDArray kh = Attention.splitHeads(k, heads, headDim);
        NDArray vh = Attention.splitHeads(v, heads, headDim);
        NDArray probabilities = qh.matMul(kh.swapAxes(2, 3)).softmax(-1); // [n, h, s, s]
        hooks.onInput(name + ".attn_drop", probabilities);
        hooks.onOutput(name + ".attn_drop", probabilities);
        NDArray context = Attention.mergeHeads(probabilities.matMul(vh)); // [n, s, D]

        NDArray y = proj.forward(context, hooks); // [n, s, D]
        hooks.onInput(name + ".proj_drop", y);
        hooks.onOutput(name + ".proj_drop", y);
        hooks.onOutput(name, y);
        return y;
    }
}
