package org.lens4j.models.vit.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The attention core shared by the encoders and the decoder.
 *
 * <pre>
 * b  batch          h  heads        d  head size
 * sq query length   sk key length
 * </pre>
 */
public final class AttentionMath {

    /**
     * The additive value of a masked position: float32's lowest finite value, as transformers
     * uses, so a row whose every position is masked still gives a finite (uniform) softmax.
     */
    public static final float MASKED = -Float.MAX_VALUE;

    private AttentionMath() {
    }

    /** Reshapes {@code [b, s, h·d]} to {@code [b, h, s, d]}. */
    public static NDArray splitHeads(NDArray x, long heads, long headDim) {
        Shape shape = x.getShape();
        return x.reshape(shape.get(0), shape.get(1), heads, headDim).transpose(0, 2, 1, 3);
    }

    /** Reshapes {@code [b, h, s, d]} to {@code [b, s, h·d]}. */
    public static NDArray mergeHeads(NDArray x) {
        Shape shape = x.getShape();
        return x.transpose(0, 2, 1, 3).reshape(shape.get(0), shape.get(2), shape.get(1) * shape.get(3));
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
     * Builds an additive mask {@code [b, 1, s, s]}: 0 where query i may attend to key j, {@link #MASKED}
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
                    values[row + j] = masked ? MASKED : 0f;
                }
            }
        }
        return manager.create(values, new Shape(batch, 1, seq, seq));
    }
}
