package org.lens4j.core.image;

/**
 * Qwen2-VL's {@code image_grid_thw}: the number of patches along time, height and width.
 *
 * @param temporal patches along time (1 for a still image)
 * @param height patch rows, {@code resized height / patch_size}
 * @param width patch columns, {@code resized width / patch_size}
 */
public record GridThw(int temporal, int height, int width) {

    /**
     * Validates the counts.
     *
     * @throws IllegalArgumentException when a count is not positive
     */
    public GridThw {
        if (temporal < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("grid_thw counts must be positive, got [" + temporal + ", "
                    + height + ", " + width + "]");
        }
    }

    /** Returns the number of patches, {@code temporal * height * width}. */
    public int patches() {
        return temporal * height * width;
    }

    /** Returns {@code [temporal, height, width]} as Hugging Face stores it (int64). */
    public long[] toArray() {
        return new long[] {temporal, height, width};
    }
}
