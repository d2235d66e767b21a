package org.lens4j.models.llava.internal;

import ai.djl.ndarray.NDArray;

/**
 * Projected image features ready to replace the image tokens.
 *
 * @param rows every image's features in order, {@code [N, D]}
 * @param tokensPerImage how many rows each image contributes, in order
 */
public record ImageFeatures(NDArray rows, int[] tokensPerImage) {

    /** Copies the counts. */
    public ImageFeatures {
        tokensPerImage = tokensPerImage.clone();
    }

    @Override
    public int[] tokensPerImage() {
        return tokensPerImage.clone();
    }

    /** Returns the total number of rows. */
    public int totalTokens() {
        int total = 0;
        for (int count : tokensPerImage) {
            total += count;
        }
        return total;
    }
}
