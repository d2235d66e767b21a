package org.lens4j.core.image;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * The output of an {@link ImageProcessor} for one image: float32 pixel values with their shape,
 * plus Qwen2-VL's {@code image_grid_thw} or the {@code image_sizes} entry where the family has one.
 *
 * <p>Immutable: {@link #pixelValues()} returns a copy and {@link #pixelBuffer()} a read-only view.
 */
public final class ProcessedImage {

    private final float[] pixelValues;
    private final long[] shape;
    private final GridThw gridThw;
    private final ImageSize imageSize;

    private ProcessedImage(float[] pixelValues, long[] shape, GridThw gridThw, ImageSize imageSize) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 1) {
                throw new IllegalArgumentException("shape dimensions must be positive, got " + Arrays.toString(shape));
            }
            count *= dim;
        }
        if (count != pixelValues.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + count
                    + " values but " + pixelValues.length + " were given");
        }
        this.pixelValues = pixelValues;
        this.shape = shape.clone();
        this.gridThw = gridThw;
        this.imageSize = imageSize;
    }

    /** Takes ownership of {@code pixelValues}; the caller must not modify it afterwards. */
    static ProcessedImage of(float[] pixelValues, long[] shape, GridThw gridThw, ImageSize imageSize) {
        return new ProcessedImage(pixelValues, shape, gridThw, imageSize);
    }

    /**
     * Creates a result from a copy of {@code pixelValues}.
     *
     * @param gridThw Qwen2-VL's patch grid, or null
     * @param imageSize the {@code image_sizes} entry, or null
     * @throws IllegalArgumentException when the shape does not hold exactly the given values
     */
    public static ProcessedImage copyOf(float[] pixelValues, long[] shape, GridThw gridThw, ImageSize imageSize) {
        return new ProcessedImage(pixelValues.clone(), shape, gridThw, imageSize);
    }

    /** Returns a copy of the pixel values, row-major in {@link #shape()}. */
    public float[] pixelValues() {
        return pixelValues.clone();
    }

    /** Returns a read-only view of the pixel values, positioned at 0, without copying. */
    public FloatBuffer pixelBuffer() {
        return FloatBuffer.wrap(pixelValues).asReadOnlyBuffer();
    }

    /** Returns the number of pixel values. */
    public int size() {
        return pixelValues.length;
    }

    /** Returns the shape of the pixel values (a copy). */
    public long[] shape() {
        return shape.clone();
    }

    /** Returns Qwen2-VL's {@code image_grid_thw}; empty for other families. */
    public Optional<GridThw> gridThw() {
        return Optional.ofNullable(gridThw);
    }

    /**
     * Returns the {@code image_sizes} entry: the resized size for Pixtral, the original size for
     * LLaVA-NeXT; empty for families without one.
     */
    public Optional<ImageSize> imageSize() {
        return Optional.ofNullable(imageSize);
    }

    @Override
    public String toString() {
        return "ProcessedImage[shape=" + Arrays.toString(shape)
                + (gridThw == null ? "" : ", gridThw=" + Arrays.toString(gridThw.toArray()))
                + (imageSize == null ? "" : ", imageSize=" + imageSize)
                + "]";
    }
}
