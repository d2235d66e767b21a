package org.lens4j.core.pool.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import java.util.Arrays;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.capture.TokenType;
import org.lens4j.core.pool.Pooling;
import org.lens4j.core.pool.PoolingSpec;
import org.lens4j.core.pool.TokenSubset;

/**
 * Pools {@code [batch, seq, hidden]} tensors over the positions of each batch item whose attention
 * mask is 1 and whose token type is in the subset.
 */
public final class SequencePooling {

    private SequencePooling() {
    }

    /** Returns {@code [batch, hidden]}; see {@link org.lens4j.core.pool.Pooler}. */
    public static NDArray pool(NDArray tensor, String module, PoolingSpec spec, SequenceInfo info) {
        long[] shape = tensor.getShape().getShape();
        checkShape(shape, module, info);

        NDList rows = new NDList();
        for (int item = 0; item < shape[0]; item++) {
            int[] positions = selectedPositions(info, item, spec.subset());
            if (positions.length == 0) {
                throw new IllegalArgumentException("input " + item + " has no " + describe(spec.subset())
                        + " for pooling " + spec + " of module '" + module + "'; use token subset all"
                        + " or give that input such tokens");
            }
            rows.add(poolItem(tensor, item, positions, spec.pooling()));
        }
        return NDArrays.stack(rows);
    }

    private static NDArray poolItem(NDArray tensor, int item, int[] positions, Pooling pooling) {
        // [seq, hidden] → the selected positions [k, hidden] → [hidden]
        if (pooling == Pooling.FIRST) {
            return tensor.get(item, positions[0]);
        }
        if (pooling == Pooling.LAST) {
            return tensor.get(item, positions[positions.length - 1]);
        }
        NDArray sequence = tensor.get(item);
        NDArray index = sequence.getManager().create(toLongs(positions));
        NDArray selected = sequence.get(new NDIndex("{}", index));
        return Reductions.reduceRows(selected, pooling);
    }

    /** Returns the positions of {@code item} whose mask is 1 and whose token type is in the subset. */
    static int[] selectedPositions(SequenceInfo info, int item, TokenSubset subset) {
        long[] mask = info.attentionMask()[item];
        TokenType[] types = info.tokenTypes()[item];
        int[] out = new int[mask.length];
        int count = 0;
        for (int position = 0; position < mask.length; position++) {
            if (mask[position] != 0 && inSubset(types[position], subset)) {
                out[count++] = position;
            }
        }
        return Arrays.copyOf(out, count);
    }

    private static boolean inSubset(TokenType type, TokenSubset subset) {
        switch (subset) {
            case IMAGE:
                return type == TokenType.IMAGE;
            case TEXT:
                return type == TokenType.TEXT;
            default:
                return true;
        }
    }

    private static void checkShape(long[] shape, String module, SequenceInfo info) {
        if (shape.length != 3) {
            throw new IllegalArgumentException("module '" + module + "' is a sequence module, so its output"
                    + " must be [batch, seq, hidden], got " + Arrays.toString(shape));
        }
        if (shape[0] != info.batchSize()) {
            throw new IllegalArgumentException("module '" + module + "' output " + Arrays.toString(shape)
                    + " has batch " + shape[0] + " but the attention mask has " + info.batchSize() + " rows");
        }
        for (int item = 0; item < info.batchSize(); item++) {
            int maskLength = info.attentionMask()[item].length;
            int typesLength = info.tokenTypes()[item].length;
            if (maskLength != shape[1] || typesLength != shape[1]) {
                throw new IllegalArgumentException("module '" + module + "' output " + Arrays.toString(shape)
                        + " has sequence length " + shape[1] + " but input " + item + " has an attention mask"
                        + " of length " + maskLength + " and " + typesLength + " token types");
            }
        }
    }

    private static String describe(TokenSubset subset) {
        switch (subset) {
            case IMAGE:
                return "unpadded image tokens";
            case TEXT:
                return "unpadded text tokens";
            default:
                return "unpadded tokens (its attention mask is all 0)";
        }
    }

    private static long[] toLongs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
