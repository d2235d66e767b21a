package org.lens4j.core.store;

import java.util.Objects;

/**
 * The identity of one stored feature: which input (image and prompt), which module, which pooling
 * and which call of the module. A run never stores two rows of one model with the same key, which
 * is how a re-run skips what an earlier run already wrote.
 *
 * <p>At least one of {@code imageId} and {@code imagePath} must be given; a missing one is null
 * and compares equal only to null.
 *
 * @param imageId the dataset's id of the image, or null
 * @param imagePath the image file path as the dataset names it, or null
 * @param prompt the text prompt, never null (may be empty)
 * @param layer the module name, as in Hugging Face {@code named_modules()}
 * @param pooling the pooling applied before storing, such as "mean" or "none"
 * @param callIndex which call of the module within one forward pass, from 0
 */
public record FeatureKey(String imageId, String imagePath, String prompt, String layer,
        String pooling, int callIndex) {

    /**
     * Checks the key.
     *
     * @throws IllegalArgumentException if both image fields are null, the prompt is null, the
     *     layer or pooling is null or blank, or the call index is negative
     */
    public FeatureKey {
        if (imageId == null && imagePath == null) {
            throw new IllegalArgumentException("Feature key for layer '" + layer
                    + "' has neither an image id nor an image path; set at least one");
        }
        Objects.requireNonNull(prompt, "prompt (use \"\" for none)");
        requireText(layer, "layer");
        requireText(pooling, "pooling");
        if (callIndex < 0) {
            throw new IllegalArgumentException("Feature key call index is " + callIndex
                    + "; it must be 0 or more");
        }
    }

    /** Creates a key for the first call (index 0) of a module. */
    public static FeatureKey of(String imageId, String imagePath, String prompt, String layer,
            String pooling) {
        return new FeatureKey(imageId, imagePath, prompt, layer, pooling, 0);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Feature key " + name + " is "
                    + (value == null ? "null" : "blank") + "; pass a non-empty " + name);
        }
    }
}
