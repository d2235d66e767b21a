package org.lens4j.models.llava.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.capture.TokenType;
import org.lens4j.models.llava.LlavaConfig;

/** Image-token bookkeeping: counting, merging features in place of the tokens, token types. */
final class ImageTokens {

    private ImageTokens() {
    }

    static int count(long[][] ids, long imageToken) {
        int count = 0;
        for (long[] row : ids) {
            for (long id : row) {
                if (id == imageToken) {
                    count++;
                }
            }
        }
        return count;
    }

    static void checkCount(int imageTokens, int featureRows, int images) {
        if (imageTokens != featureRows) {
            throw new IllegalArgumentException("input_ids hold " + imageTokens + " image tokens but the "
                    + images + " image(s) give " + featureRows + " feature rows; expand each <image> placeholder"
                    + " to its feature count as the family's processor does");
        }
    }

    /**
     * Replaces the embeddings at image-token positions, in row-major order, by the feature rows in
     * order (transformers' {@code masked_scatter}).
     *
     * @param embeds {@code [b, s, D]}
     * @param features {@code [N, D]} with N the number of image tokens
     * @return {@code [b, s, D]}
     */
    static NDArray merge(NDArray embeds, long[][] ids, long imageToken, NDArray features) {
        Shape shape = embeds.getShape();
        int batch = ids.length;
        int length = ids[0].length;
        long[] source = new long[batch * length];
        int next = 0;
        for (int row = 0; row < batch; row++) {
            for (int col = 0; col < length; col++) {
                int position = row * length + col;
                source[position] = ids[row][col] == imageToken ? (long) batch * length + next++ : position;
            }
        }
        NDArray flat = embeds.reshape(batch * (long) length, shape.get(2)); // [b·s, D]
        NDArray pool = NDArrays.concat(new NDList(flat, features), 0); // [b·s + N, D]
        NDArray index = embeds.getManager().create(source);
        return pool.get(new NDIndex("{}", index)).reshape(shape); // [b, s, D]
    }

    /**
     * Describes the sequence: image tokens as IMAGE; padding, BOS, EOS and pad ids as SPECIAL; the
     * rest as TEXT; and how many images each row carries.
     *
     * @throws IllegalArgumentException when a row's image tokens do not end at an image boundary
     */
    static SequenceInfo sequenceInfo(long[][] ids, long[][] mask, int[] tokensPerImage, LlavaConfig config) {
        TokenType[][] types = new TokenType[ids.length][];
        int[] imagesPerItem = new int[ids.length];
        int image = 0;
        for (int row = 0; row < ids.length; row++) {
            types[row] = new TokenType[ids[row].length];
            int imageTokens = 0;
            for (int col = 0; col < ids[row].length; col++) {
                types[row][col] = tokenType(ids[row][col], mask[row][col], config);
                if (types[row][col] == TokenType.IMAGE) {
                    imageTokens++;
                }
            }
            while (imageTokens > 0 && image < tokensPerImage.length) {
                imageTokens -= tokensPerImage[image++];
                imagesPerItem[row]++;
            }
            if (imageTokens != 0) {
                throw new IllegalArgumentException("the image tokens of batch row " + row
                        + " do not hold a whole number of images; give each row complete image placeholders");
            }
        }
        return new SequenceInfo(mask, types, SequenceInfo.ImageRows.NONE, imagesPerItem);
    }

    private static TokenType tokenType(long id, long mask, LlavaConfig config) {
        if (id == config.imageTokenIndex()) {
            return TokenType.IMAGE;
        }
        boolean special = mask == 0 || id == config.text().bosTokenId() || id == config.text().eosTokenId()
                || id == config.padTokenId();
        return special ? TokenType.SPECIAL : TokenType.TEXT;
    }
}
