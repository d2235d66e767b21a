package org.lens4j.models.llama.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.Attention;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.llama.DecoderLayout;
import org.lens4j.models.llama.LlamaTextConfig;
import org.lens4j.models.vit.internal.AttentionMath;

/**
 * Grouped-query self-attention with rotary positions.
 *
 * <pre>
 * b batch   s sequence   D hidden   H query heads   K key/value heads   d head size
 * </pre>
 */
public final class LlamaAttention {

    private final String name;
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final Linear qProj;
    private final Linear kProj;
    private final Linear vProj;
    private final Linear oProj;

    private LlamaAttention(String name, LlamaTextConfig config, Linear qProj, Linear kProj,
            Linear vProj, Linear oProj) {
        this.name = name;
        this.heads = config.numHeads();
        this.kvHeads = config.numKeyValueHeads();
        this.headDim = config.headDim();
        this.qProj = qProj;
        this.kProj = kProj;
        this.vProj = vProj;
        this.oProj = oProj;
    }

    /**
     * Lists the module and its children; the per-layer {@code rotary_emb} of the transformers 4.47
     * layout is listed as never running, because the model-level tables are passed in instead.
     */
    public static void list(ModuleListing out, String name, LlamaTextConfig config, DecoderLayout layout) {
        out.add(name, config.typeName("Attention"), ModuleKind.SEQUENCE);
        for (String proj : new String[] {"q_proj", "k_proj", "v_proj", "o_proj"}) {
            out.add(name + "." + proj, "Linear", ModuleKind.SEQUENCE);
        }
        if (layout.listsLayerRotary()) {
            out.add(name + ".rotary_emb", config.typeName("RotaryEmbedding"), ModuleKind.NEVER_RUNS);
        }
    }

    /** Loads the four projections. */
    public static LlamaAttention load(WeightLoader weights, String name, LlamaTextConfig config) {
        long hidden = config.hiddenSize();
        long queryWidth = (long) config.numHeads() * config.headDim();
        long kvWidth = (long) config.numKeyValueHeads() * config.headDim();
        boolean bias = config.attentionBias();
        boolean inputBias = bias || config.variant().queryKeyValueBias();
        return new LlamaAttention(name, config,
                weights.loadLinear(name + ".q_proj", hidden, queryWidth, inputBias),
                weights.loadLinear(name + ".k_proj", hidden, kvWidth, inputBias),
                weights.loadLinear(name + ".v_proj", hidden, kvWidth, inputBias),
                weights.loadLinear(name + ".o_proj", queryWidth, hidden, bias));
    }

    /**
     * Attends over {@code x [b, s, D]}.
     *
     * @param rotary cos and sin tables {@code [1 or b, 1, s, d]}
     * @param mask additive mask {@code [b, 1, s, s]}
     * @return {@code [b, s, D]}
     */
    public NDArray forward(NDArray x, RotaryEmbedding.Tables rotary, NDArray mask, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray q = qProj.forward(x, hooks); // [b, s, H·d]
        NDArray k = kProj.forward(x, hooks); // [b, s, K·d]
        NDArray v = vProj.forward(x, hooks); // [b, s, K·d]

        NDArray cos = rotary.cos(); // [1 or b, 1, s, d]
        NDArray sin = rotary.sin();
        NDArray qh = rotate(Attention.splitHeads(q, heads, headDim), cos, sin); // [b, H, s, d]
        NDArray kh = rotate(Attention.splitHeads(k, kvHeads, headDim), cos, sin); // [b, K, s, d]
        NDArray vh = Attention.splitHeads(v, kvHeads, headDim); // [b, K, s, d]
        kh = repeatKeyValue(kh); // [b, H, s, d]
        vh = repeatKeyValue(vh); // [b, H, s, d]

        float scale = (float) (1.0 / Math.sqrt(headDim));
        NDArray context = AttentionMath.attend(qh, kh, vh, mask, scale); // [b, H, s, d]
        NDArray y = oProj.forward(Attention.mergeHeads(context), hooks); // [b, s, D]
        hooks.onOutput(name, y);
        return y;
    }

    /** Applies {@code x·cos + rotate_half(x)·sin}, where rotate_half maps (x1, x2) to (−x2, x1). */
    private NDArray rotate(NDArray x, NDArray cos, NDArray sin) {
        int half = headDim / 2;
        NDArray first = x.get(new NDIndex("..., :" + half)); // [b, h, s, d/2]
        NDArray second = x.get(new NDIndex("..., " + half + ":"));
        NDArray rotated = NDArrays.concat(new NDList(second.neg(), first), -1); // [b, h, s, d]
        return x.mul(cos).add(rotated.mul(sin));
    }

    /** Repeats each key/value head {@code H / K} times in place, as transformers' {@code repeat_kv}. */
    private NDArray repeatKeyValue(NDArray x) {
        int groups = heads / kvHeads;
        if (groups == 1) {
            return x;
        }
        Shape shape = x.getShape(); // [b, K, s, d]
        return x.expandDims(2)
                .broadcast(new Shape(shape.get(0), kvHeads, groups, shape.get(2), headDim))
                .reshape(shape.get(0), heads, shape.get(2), headDim);
    }
}
