package org.lens4j.core.image;

/**
 * An image size in pixels, height first as Hugging Face's {@code image_sizes} stores it.
 *
 * @param height rows
 * @param width columns
 */
public record ImageSize(int height, int width) {

    /**
     * Validates the size.
     *
     * @throws IllegalArgumentException when a side is not positive
     */
    public ImageSize {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got height=" + height + ", width="
                    + width);
        }
    }

    /** Returns the size of {@code image}. */
    public static ImageSize of(RgbImage image) {
        return new ImageSize(image.height(), image.width());
    }

    /** Returns {@code [height, width]} (int64). */
    public long[] toArray() {
        return new long[] {height, width};
    }
}
