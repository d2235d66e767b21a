package org.lens4j.models.siglip.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Replaces the embeddings of image placeholder tokens by image features, in order, as
 * {@code inputs_embeds.masked_scatter(input_ids == image_token, features)} does.
 *
 * <pre>
 * b batch   s sequence   D hidden   F feature rows (every image's tokens, image after image)
 * </pre>
 */
public final class ImageTokenMerge {

    private ImageTokenMerge() {
    }

    /**
     * Returns {@code embeds [b, s, D]} with the k-th placeholder position (in row-major order) holding
     * feature row k of {@code features [F, D]}, in {@code embeds}' manager.
     *
     * @throws IllegalArgumentException when the number of placeholders differs from {@code F}
     */
    public static NDArray merge(NDArray embeds, long[][] ids, long imageTokenId, NDArray features) {
        Shape shape = embeds.getShape();
        long positions = shape.get(0) * shape.get(1);
        long featureRows = features.getShape().get(0);
        long[] index = new long[Math.toIntExact(positions)];
        long next = 0;
        int p = 0;
        for (long[] row : ids) {
            for (long id : row) {
                index[p] = id == imageTokenId ? positions + next++ : p;
                p++;
            }
        }
        if (next != featureRows) {
            throw new IllegalArgumentException("input_ids contain " + next + " image tokens (id " + imageTokenId
                    + ") but the images give " + featureRows + " feature rows; expand each image placeholder"
                    + " to the model's tokens per image");
        }

        NDManager manager = embeds.getManager();
        NDArray table = NDArrays.concat(new NDList(
                embeds.reshape(positions, shape.get(2)), features), 0); // [b·s + F, D]
        NDArray order = manager.create(index); // [b·s]
        return table.get(new NDIndex("{}", order)).reshape(shape);
    }
}
