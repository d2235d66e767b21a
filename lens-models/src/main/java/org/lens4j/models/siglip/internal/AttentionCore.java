package org.lens4j.models.siglip.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.lens4j.models.blocks.Attention;

/**
 * The additive attention mask of these families' language-model sequences. The attention itself
 * is {@link Attention#scaledDotProduct}.
 */
public final class AttentionCore {

    private AttentionCore() {
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
                    values[i++] = visible ? 0f : Attention.MASKED;
                }
            }
        }
        return manager.create(values, new Shape(batch, 1, length, length));
    }
}
