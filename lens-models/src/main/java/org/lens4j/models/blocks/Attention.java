package org.lens4j.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scaled dot-product attention with an optional additive mask and grouped key/value heads.
 *
 * <p>Dimensions: {@code B} batch, {@code H} query heads, {@code KV} key/value heads ({@code H} a
 * multiple of {@code KV}), {@code Lq} query length, {@code Lk} key length, {@code D} head size.
 * The engine's batched matrix product takes 3-D arrays only, so heads are folded into the batch
 * dimension.
 */
public final class Attention {

    /**
     * The value added to masked scores: the most negative float32, as transformers uses. Adding it
     * once keeps scores finite, so a row whose keys are all masked gets uniform weights instead of
     * NaN.
     */
    public static final float MASKED = -Float.MAX_VALUE;

    private Attention() {
    }

    /**
     * Computes {@code softmax(q kᵀ · scale + mask) v}.
     *
     * @param query {@code [B, H, Lq, D]}
     * @param key {@code [B, KV, Lk, D]}
     * @param value {@code [B, KV, Lk, D]}
     * @param mask additive {@code [B, 1, Lq, Lk]} (0 where allowed, {@link #MASKED} elsewhere), or
     *     {@code null} for none
     * @param scale the factor applied to the scores, usually {@code D^-0.5}
     * @return {@code [B, H, Lq, D]}
     * @throws IllegalArgumentException when the head counts or sizes do not fit
     */
    public static NDArray scaledDotProduct(NDArray query, NDArray key, NDArray value, NDArray mask, float scale) {
        Shape q = query.getShape();
        Shape k = key.getShape();
        long batch = q.get(0);
        long heads = q.get(1);
        long queryLength = q.get(2);
        long headSize = q.get(3);
        long kvHeads = k.get(1);
        long keyLength = k.get(2);
        if (kvHeads == 0 || heads % kvHeads != 0 || k.get(3) != headSize || !k.equals(value.getShape())) {
            throw new IllegalArgumentException("attention shapes do not fit: query " + q + ", key " + k
                    + ", value " + value.getShape());
        }

        NDArray keys = repeatHeads(key, heads / kvHeads).reshape(batch * heads, keyLength, headSize);
        NDArray values = repeatHeads(value, heads / kvHeads).reshape(batch * heads, keyLength, headSize);
        NDArray queries = query.reshape(batch * heads, queryLength, headSize);

        NDArray scores = queries.batchMatMul(keys.transpose(0, 2, 1)).muli(scale);
        if (mask != null) {
            scores = scores.reshape(batch, heads, queryLength, keyLength).addi(mask)
                    .reshape(batch * heads, queryLength, keyLength);
        }
        NDArray weights = scores.softmax(-1);
        return weights.batchMatMul(values).reshape(batch, heads, queryLength, headSize);
    }

    /** Repeats each key/value head {@code times} times: {@code [B, KV, L, D]} → {@code [B, KV·times, L, D]}. */
    static NDArray repeatHeads(NDArray x, long times) {
        if (times == 1) {
            return x;
        }
        Shape s = x.getShape();
        return x.expandDims(2).broadcast(new Shape(s.get(0), s.get(1), times, s.get(2), s.get(3)))
                .reshape(s.get(0), s.get(1) * times, s.get(2), s.get(3));
    }
}
