package org.lens4j.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Additive attention masks for decoder language models. */
public final class Masks {

    private Masks() {
    }

    /**
     * Builds the causal mask combined with the padding mask, {@code [B, 1, L, L]}: position
     * {@code (b, i, j)} is 0 when {@code j ≤ i} and key {@code j} is a real token of row {@code b},
     * and {@link Attention#MASKED} otherwise.
     *
     * @param attentionMask {@code [B][L]}, 1 for real tokens and 0 for padding
     */
    public static NDArray causalWithPadding(NDManager manager, long[][] attentionMask) {
        int batch = attentionMask.length;
        int length = batch == 0 ? 0 : attentionMask[0].length;
        float[] values = new float[batch * length * length];
        for (int b = 0; b < batch; b++) {
            if (attentionMask[b].length != length) {
                throw new IllegalArgumentException("attention mask rows differ in length: row 0 has " + length
                        + ", row " + b + " has " + attentionMask[b].length);
            }
            for (int i = 0; i < length; i++) {
                int row = (b * length + i) * length;
                for (int j = 0; j < length; j++) {
                    boolean allowed = j <= i && attentionMask[b][j] != 0;
                    values[row + j] = allowed ? 0f : Attention.MASKED;
                }
            }
        }
        return manager.create(values, new Shape(batch, 1, length, length));
    }
}
