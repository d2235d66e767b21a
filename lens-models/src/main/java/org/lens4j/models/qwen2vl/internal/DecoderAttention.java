package org.lens4j.models.qwen2vl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.Attention;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.Rotary;
import org.lens4j.models.blocks.WeightSource;

/**
 * Decoder self-attention: {@code q/k/v} projections with biases, M-RoPE, grouped key/value heads,
 * causal plus padding mask, {@code o_proj} without bias.
 *
 * <p>Dimensions: {@code B} batch, {@code L} sequence, {@code H} query heads, {@code KV} key/value
 * heads, {@code D} head size; input and output {@code [B, L, hidden]}.
 */
final class DecoderAttention {

    private final String name;
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear o;
    private final int heads;
    private final int kvHeads;
    private final int headSize;
    private final float scale;

    DecoderAttention(WeightSource weights, NDManager manager, String name, QwenVLConfig.Text text) {
        this.name = name;
        this.heads = text.heads();
        this.kvHeads = text.kvHeads();
        this.headSize = text.headSize();
        this.q = Linear.load(weights, manager, name + ".q_proj", text.hidden(), (long) heads * headSize, true);
        this.k = Linear.load(weights, manager, name + ".k_proj", text.hidden(), (long) kvHeads * headSize, true);
        this.v = Linear.load(weights, manager, name + ".v_proj", text.hidden(), (long) kvHeads * headSize, true);
        this.o = Linear.load(weights, manager, name + ".o_proj", (long) heads * headSize, text.hidden(), false);
        this.scale = (float) Math.pow(headSize, -0.5);
    }

    /**
     * Attends.
     *
     * @param x {@code [B, L, hidden]}
     * @param cos {@code [B, 1, L, D]}
     * @param sin {@code [B, 1, L, D]}
     * @param mask additive {@code [B, 1, L, L]}
     */
    NDArray forward(NDArray x, NDArray cos, NDArray sin, NDArray mask, ForwardHooks hooks) {
        hooks.onInput(name, x);
        long batch = x.getShape().get(0);
        long length = x.getShape().get(1);

        NDArray query = splitHeads(q.forward(x, hooks), batch, length, heads);
        NDArray key = splitHeads(k.forward(x, hooks), batch, length, kvHeads);
        NDArray value = splitHeads(v.forward(x, hooks), batch, length, kvHeads);
        query = Rotary.apply(query, cos, sin);
        key = Rotary.apply(key, cos, sin);

        NDArray attended = Attention.scaledDotProduct(query, key, value, mask, scale);
        NDArray joined = attended.transpose(0, 2, 1, 3).reshape(batch, length, (long) heads * headSize);
        NDArray out = o.forward(joined, hooks);
        hooks.onOutput(name, out);
        return out;
    }

    private NDArray splitHeads(NDArray x, long batch, long length, int count) {
        return x.reshape(batch, length, count, headSize).transpose(0, 2, 1, 3);
    }
}
