package org.lens4j.models;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.util.List;
import org.lens4j.core.capture.ModelInputs;

/**
 * Turns images and a prompt into a family's model inputs: image preprocessing, the chat template,
 * tokenisation and image-token expansion.
 */
public interface InputProcessor extends AutoCloseable {

    /**
     * Builds the inputs of one batch: one prompt per item, each with its images (possibly none),
     * padded on the side the family uses.
     *
     * @param manager the manager that will own the created arrays
     * @param images per batch item, the images it carries
     * @param prompts per batch item, the user's prompt text
     * @throws IllegalArgumentException when the counts differ or an image cannot be processed
     */
    ModelInputs process(NDManager manager, List<List<BufferedImage>> images, List<String> prompts);

    /** Releases the tokenizer's native memory; idempotent. */
    @Override
    void close();
}
