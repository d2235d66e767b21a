package org.lens4j.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
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

    /**
     * The largest score matrix computed at once, in elements (2²⁶, 256 MiB of float32). Longer
     * queries are processed in row chunks, which gives the same result with bounded memory.
     */
    public static final long MAX_SCORE_ELEMENTS = 1L << 26;

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
        return scaledDotProduct(query, key, value, mask, scale, MAX_SCORE_ELEMENTS);
    }

    /** As {@link #scaledDotProduct(NDArray, NDArray, NDArray, NDArray, float)} with another chunk bound. */
    static NDArray scaledDotProduct(NDArray query, NDArray key, NDArray value, NDArray mask, float scale,
            long maxScoreElements) {
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
        NDArray keysTransposed = keys.transpose(0, 2, 1);
        NDArray values = repeatHeads(value, heads / kvHeads).reshape(batch * heads, keyLength, headSize);
        long chunk = Math.max(1, Math.min(queryLength, maxScoreElements / Math.max(1, batch * heads * keyLength)));
        if (chunk >= queryLength) {
            return attendRows(query, keysTransposed, values, mask, scale).reshape(batch, heads, queryLength, headSize);
        }

        NDList parts = new NDList();
        for (long start = 0; start < queryLength; start += chunk) {
            String rows = ":, :, " + start + ":" + Math.min(start + chunk, queryLength) + ", :";
            NDArray rowMask = mask == null ? null : mask.get(query.getManager(), new NDIndex(rows));
            parts.add(attendRows(query.get(rows), keysTransposed, values, rowMask, scale));
        }
        return NDArrays.concat(parts, 1).reshape(batch, heads, queryLength, headSize);
    }

    /** Splits {@code [B, L, heads·D]} into {@code [B, heads, L, D]}. */
    public static NDArray splitHeads(NDArray x, long heads, long headSize) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), heads, headSize).transpose(0, 2, 1, 3);
    }

    /** Joins {@code [B, heads, L, D]} into {@code [B, L, heads·D]}. */
    public static NDArray mergeHeads(NDArray x) {
        Shape s = x.getShape();
        return x.transpose(0, 2, 1, 3).reshape(s.get(0), s.get(2), s.get(1) * s.get(3));
    }

    /** Attends the query rows {@code [B, H, n, D]}; returns {@code [B·H, n, D]}. */
    private static NDArray attendRows(NDArray query, NDArray keysTransposed, NDArray values, NDArray mask,
            float scale) {
        Shape q = query.getShape();
        long folded = q.get(0) * q.get(1);
        long rows = q.get(2);
        long keyLength = keysTransposed.getShape().get(2);
        NDArray scores = query.reshape(folded, rows, q.get(3)).batchMatMul(keysTransposed).muli(scale);
        if (mask != null) {
            scores = scores.reshape(q.get(0), q.get(1), rows, keyLength).addi(mask).reshape(folded, rows, keyLength);
        }
        return scores.softmax(-1).batchMatMul(values);
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
