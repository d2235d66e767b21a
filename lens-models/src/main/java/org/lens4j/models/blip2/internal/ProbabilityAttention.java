package org.lens4j.models.blip2.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.lens4j.core.capture.ForwardHooks;

/**
 * Scaled dot-product attention that reports its probabilities: BLIP-2's vision and Q-Former
 * attention modules pass the softmax output through a {@code dropout} module, which is a named
 * module whose output is {@code [B, H, Lq, Lk]}.
 *
 * <p>Dimensions: {@code B} batch, {@code H} heads, {@code Lq} query length, {@code Lk} key length,
 * {@code D} head size.
 */
final class ProbabilityAttention {

    private ProbabilityAttention() {
    }

    /**
     * Computes {@code softmax(q kᵀ · scale) v} and reports the probabilities under
     * {@code dropoutName}.
     *
     * @param query {@code [B, H, Lq, D]}
     * @param key {@code [B, H, Lk, D]}
     * @param value {@code [B, H, Lk, D]}
     * @return the context {@code [B, Lq, H·D]}
     */
    static NDArray attend(NDArray query, NDArray key, NDArray value, float scale, String dropoutName,
            ForwardHooks hooks) {
        Shape q = query.getShape();
        long batch = q.get(0);
        long heads = q.get(1);
        long queryLength = q.get(2);
        long headSize = q.get(3);
        long keyLength = key.getShape().get(2);

        NDArray queries = query.reshape(batch * heads, queryLength, headSize);
        NDArray keysTransposed = key.reshape(batch * heads, keyLength, headSize).transpose(0, 2, 1);
        NDArray scores = queries.batchMatMul(keysTransposed).muli(scale);
        NDArray probabilities = scores.softmax(-1).reshape(batch, heads, queryLength, keyLength);
        hooks.onInput(dropoutName, probabilities);
        hooks.onOutput(dropoutName, probabilities);

        NDArray context = probabilities.reshape(batch * heads, queryLength, keyLength)
                .batchMatMul(value.reshape(batch * heads, keyLength, headSize));
        return context.reshape(batch, heads, queryLength, headSize).transpose(0, 2, 1, 3)
                .reshape(batch, queryLength, heads * headSize);
    }

    /** Splits {@code [B, L, H·D]} into heads, {@code [B, H, L, D]}. */
    static NDArray splitHeads(NDArray x, long heads) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), heads, s.get(2) / heads).transpose(0, 2, 1, 3);
    }
}
