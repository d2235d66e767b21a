package org.lens4j.models.siglip.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Eager scaled dot-product attention in float32, with grouped key/value heads and an additive mask.
 *
 * <pre>
 * b batch   h query heads   g key/value heads (h a multiple of g)   q query length   k key length   d head size
 * </pre>
 */
public final class AttentionCore {

    /**
     * The additive mask value of a position that must not be attended to: the smallest float32,
     * as transformers uses ({@code torch.finfo(float32).min}), so a fully masked row stays finite.
     */
    public static final float MASKED = -Float.MAX_VALUE;

    private AttentionCore() {
    }

    /**
     * Computes {@code softmax(q kᵀ · scale + mask) v}.
     *
     * @param query {@code [b, h, q, d]}
     * @param key {@code [b, g, k, d]}
     * @param value {@code [b, g, k, d]}
     * @param mask {@code [b, 1, q, k]} (0 or {@link #MASKED}), or {@code null} for none
     * @return {@code [b, h, q, d]}
     */
    public static NDArray attend(NDArray query, NDArray key, NDArray value, NDArray mask, float scale) {
        Shape q = query.getShape();
        long batch = q.get(0);
        long heads = q.get(1);
        long queryLength = q.get(2);
        long headSize = q.get(3);
        long groups = key.getShape().get(1);
        long keyLength = key.getShape().get(2);
        if (groups == 0 || heads % groups != 0 || key.getShape().get(3) != headSize) {
            throw new IllegalArgumentException("attention shapes do not fit: query " + q + ", key "
                    + key.getShape() + ", value " + value.getShape());
        }

        NDArray keys = repeatGroups(key, heads / groups).reshape(batch * heads, keyLength, headSize);
        NDArray values = repeatGroups(value, heads / groups).reshape(batch * heads, keyLength, headSize);
        NDArray scores = query.reshape(batch * heads, queryLength, headSize)
                .batchMatMul(keys.transpose(0, 2, 1))
                .muli(scale); // [b·h, q, k]
        if (mask != null) {
            scores = scores.reshape(batch, heads, queryLength, keyLength)
                    .addi(mask)
                    .reshape(batch * heads, queryLength, keyLength);
        }
        NDArray weights = scores.softmax(-1); // [b·h, q, k]
        return weights.batchMatMul(values).reshape(batch, heads, queryLength, headSize);
    }

    /**
     * Builds the additive mask {@code [b, 1, s, s]} of a language-model sequence: a key position is
     * visible when its attention mask is 1 and, when {@code causal}, it is not after the query.
     *
     * @param attentionMask {@code [b][s]}, 1 for real tokens and 0 for padding
     */
    public static NDArray sequenceMask(long[][] attentionMask, boolean causal, NDManager manager) {
        int batch = attentionMask.length;
        int length = attentionMask[0].length;
        float[] values = new float[batch * length * length];
        int i = 0;
        for (long[] row : attentionMask) {
            for (int query = 0; query < length; query++) {
                for (int key = 0; key < length; key++) {
                    boolean visible = row[key] == 1 && (!causal || key <= query);
                    values[i++] = visible ? 0f : MASKED;
                }
            }
        }
        return manager.create(values, new Shape(batch, 1, length, length));
    }

    /** Splits {@code [b, s, heads·d]} into {@code [b, heads, s, d]}. */
    public static NDArray splitHeads(NDArray x, long heads, long headSize) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), heads, headSize).transpose(0, 2, 1, 3);
    }

    /** Joins {@code [b, heads, s, d]} into {@code [b, s, heads·d]}. */
    public static NDArray mergeHeads(NDArray x) {
        Shape s = x.getShape();
        return x.transpose(0, 2, 1, 3).reshape(s.get(0), s.get(2), s.get(1) * s.get(3));
    }

    /** Repeats each key/value head {@code times} times in place, as transformers' {@code repeat_kv}. */
    private static NDArray repeatGroups(NDArray x, long times) {
        if (times == 1) {
            return x;
        }
        Shape s = x.getShape();
        return x.expandDims(2)
                .broadcast(new Shape(s.get(0), s.get(1), times, s.get(2), s.get(3)))
                .reshape(s.get(0), s.get(1) * times, s.get(2), s.get(3));
    }
}
