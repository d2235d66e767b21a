package org.lens4j.models.internvl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.capture.TokenType;

/**
 * Places image features at the positions of an image placeholder token, as transformers'
 * {@code masked_scatter} and InternVL's boolean-index assignment do, and describes the resulting
 * sequence. Shared by the families whose processor expands each image into a run of placeholders.
 */
public final class ImageTokenMerge {

    private ImageTokenMerge() {
    }

    /** Returns how many positions of {@code ids} hold {@code token}. */
    public static int count(long[][] ids, long token) {
        int count = 0;
        for (long[] row : ids) {
            for (long id : row) {
                if (id == token) {
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * Replaces the embeddings at the placeholder positions, in row-major order, by the feature rows
     * in order.
     *
     * @param embeds {@code [b, s, D]}
     * @param features {@code [N, D]}, N the number of placeholders
     * @return {@code [b, s, D]} in {@code embeds}' manager
     * @throws IllegalArgumentException when N differs from the number of placeholders
     */
    public static NDArray merge(NDArray embeds, long[][] ids, long token, NDArray features) {
        int placeholders = count(ids, token);
        long rows = features.getShape().get(0);
        if (placeholders != rows) {
            throw new IllegalArgumentException("input_ids contain " + placeholders + " image tokens (id " + token
                    + ") but the images give " + rows + " feature rows; expand each image placeholder to its"
                    + " feature count as the family's processor does");
        }
        Shape shape = embeds.getShape();
        int batch = ids.length;
        int length = ids[0].length;
        long[] source = new long[batch * length];
        int next = 0;
        for (int row = 0; row < batch; row++) {
            for (int col = 0; col < length; col++) {
                int position = row * length + col;
                source[position] = ids[row][col] == token ? (long) batch * length + next++ : position;
            }
        }
        NDArray flat = embeds.reshape(batch * (long) length, shape.get(2)); // [b·s, D]
        NDArray pool = NDArrays.concat(new NDList(flat, features), 0); // [b·s + N, D]
        NDArray index = embeds.getManager().create(source);
        return pool.get(new NDIndex("{}", index)).reshape(shape); // [b, s, D]
    }

    /**
     * Describes the sequence: placeholders as IMAGE; padding and the given special ids as SPECIAL;
     * the rest as TEXT. Each maximal run of placeholders in a row counts as one image.
     *
     * @param specialIds ids to mark SPECIAL (negative ids are ignored)
     */
    public static SequenceInfo sequenceInfo(long[][] ids, long[][] mask, long imageToken, long... specialIds) {
        TokenType[][] types = new TokenType[ids.length][];
        int[] imagesPerItem = new int[ids.length];
        for (int row = 0; row < ids.length; row++) {
            types[row] = new TokenType[ids[row].length];
            for (int col = 0; col < ids[row].length; col++) {
                long id = ids[row][col];
                if (id == imageToken) {
                    types[row][col] = TokenType.IMAGE;
                    if (col == 0 || ids[row][col - 1] != imageToken) {
                        imagesPerItem[row]++;
                    }
                } else {
                    types[row][col] = mask[row][col] == 0 || isSpecial(id, specialIds)
                            ? TokenType.SPECIAL : TokenType.TEXT;
                }
            }
        }
        return new SequenceInfo(mask, types, SequenceInfo.ImageRows.NONE, imagesPerItem);
    }

    private static boolean isSpecial(long id, long[] specialIds) {
        for (long special : specialIds) {
            if (special >= 0 && id == special) {
                return true;
            }
        }
        return false;
    }
}
