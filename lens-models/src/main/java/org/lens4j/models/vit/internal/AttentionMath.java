package org.lens4j.models.vit.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.lens4j.models.blocks.Attention;

/**
 * The attention core shared by the encoders and the decoder.
 *
 * <pre>
 * b  batch          h  heads        d  head size
 * sq query length   sk key length
 * </pre>
 */
public final class AttentionMath {

    private AttentionMath() {
    }

    /**
     * Computes {@code softmax(q kᵀ · scale + mask) v}.
     *
     * @param q {@code [b, h, sq, d]}
     * @param k {@code [b, h, sk, d]}
     * @param v {@code [b, h, sk, d]}
     * @param mask additive mask broadcastable to {@code [b, h, sq, sk]}, or {@code null}
     * @return {@code [b, h, sq, d]}
     */
    public static NDArray attend(NDArray q, NDArray k, NDArray v, NDArray mask, float scale) {
        NDArray scores = q.matMul(k.swapAxes(2, 3)).mul(scale); // [b, h, sq, sk]
        if (mask != null) {
            scores = scores.add(mask);
        }
        NDArray weights = scores.softmax(-1); // [b, h, sq, sk]
        return weights.matMul(v); // [b, h, sq, d]
    }

    /**
     * Builds an additive mask {@code [b, 1, s, s]}: 0 where query i may attend to key j, {@link Attention#MASKED}
     * elsewhere.
     *
     * @param padding {@code [b][s]}, 1 for real tokens and 0 for padding; {@code null} means no padding
     *     (then {@code batch} gives the batch size)
     * @param causal whether key j must not come after query i
     * @param slidingWindow when positive, query i also may not attend to keys j with {@code i − j ≥ window}
     */
    public static NDArray additiveMask(
            NDManager manager, long[][] padding, int batch, int seq, boolean causal, int slidingWindow) {
        float[] values = new float[batch * seq * seq];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < seq; i++) {
                int row = (b * seq + i) * seq;
                for (int j = 0; j < seq; j++) {
                    boolean masked = (causal && j > i)
                            || (slidingWindow > 0 && i - j >= slidingWindow)
                            || (padding != null && padding[b][j] == 0);
                    values[row + j] = masked ? Attention.MASKED : 0f;
                }
            }
        }
        return manager.create(values, new Shape(batch, 1, seq, seq));
    }
}
