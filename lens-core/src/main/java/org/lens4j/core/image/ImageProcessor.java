package org.lens4j.core.image;

/**
 * One family's image preprocessing: an 8-bit RGB image in, float32 pixel values out, as the
 * family's Hugging Face image processor computes them.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface ImageProcessor {

    /** Returns the Hugging Face class this processor reproduces, e.g. {@code Qwen2VLImageProcessor}. */
    String processorType();

    /**
     * Preprocesses one image.
     *
     * @return the pixel values of this image alone; the shape is documented by each implementation
     * @throws IllegalArgumentException when the image cannot be processed with these settings,
     *     naming the rule it breaks
     */
    ProcessedImage process(RgbImage image);

    /**
     * Returns how the reference processor removes transparency before it starts, so callers can
     * decode with {@code ImageDecoder.withDefaults().withAlphaPolicy(processor.alphaPolicy())}.
     * {@link AlphaPolicy#DROP} unless the family's processor overrides it.
     */
    default AlphaPolicy alphaPolicy() {
        return AlphaPolicy.DROP;
    }
}
