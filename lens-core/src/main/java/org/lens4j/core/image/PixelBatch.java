package org.lens4j.core.image;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The pixel values of several processed images joined the way a family's processor batches them,
 * with {@code image_grid_thw} ({@code [n, 3]}) or {@code image_sizes} ({@code [n, 2]}) when every
 * image has one.
 *
 * <ul>
 *   <li>{@link #concatenate(List)}: Qwen2-VL, rows of all images one after another, {@code
 *       [total patches, 1176]};</li>
 *   <li>{@link #stack(List)}: CLIP, SigLIP, BLIP, Janus, {@code [n, 3, H, W]}, equal shapes only;</li>
 *   <li>{@link #stackPadded(List)}: shapes that differ, padded with zeros at the end of every
 *       dimension, such as LLaVA-NeXT's {@code [n, max tiles, 3, H, W]}.</li>
 * </ul>
 */
public final class PixelBatch {

    private final float[] values;
    private final long[] shape;
    private final long[] gridThw;
    private final long[] imageSizes;

    private PixelBatch(float[] values, long[] shape, long[] gridThw, long[] imageSizes) {
        this.values = values;
        this.shape = shape;
        this.gridThw = gridThw;
        this.imageSizes = imageSizes;
    }

    /**
     * Joins the images along their first dimension.
     *
     * @throws IllegalArgumentException when the list is empty or the other dimensions differ
     */
    public static PixelBatch concatenate(List<ProcessedImage> images) {
        long[] first = checkNotEmpty(images).shape();
        long rows = 0;
        for (ProcessedImage image : images) {
            long[] shape = image.shape();
            if (!Arrays.equals(shape, 1, shape.length, first, 1, first.length)) {
                throw new IllegalArgumentException("cannot concatenate shapes " + Arrays.toString(first) + " and "
                        + Arrays.toString(shape) + ": all dimensions after the first must match");
            }
            rows += shape[0];
        }
        long[] shape = first.clone();
        shape[0] = rows;
        return new PixelBatch(joinValues(images), shape, gridThw(images), imageSizes(images));
    }

    /**
     * Stacks the images along a new first dimension.
     *
     * @throws IllegalArgumentException when the list is empty or the shapes differ
     */
    public static PixelBatch stack(List<ProcessedImage> images) {
        long[] first = checkNotEmpty(images).shape();
        for (ProcessedImage image : images) {
            if (!Arrays.equals(first, image.shape())) {
                throw new IllegalArgumentException("cannot stack shapes " + Arrays.toString(first) + " and "
                        + Arrays.toString(image.shape()) + "; use stackPadded for images of different sizes");
            }
        }
        return new PixelBatch(joinValues(images), prepend(images.size(), first), gridThw(images), imageSizes(images));
    }

    /**
     * Stacks the images along a new first dimension after padding every dimension with zeros at
     * its end to the largest size in the batch.
     *
     * @throws IllegalArgumentException when the list is empty or the ranks differ
     */
    public static PixelBatch stackPadded(List<ProcessedImage> images) {
        long[] max = checkNotEmpty(images).shape();
        for (ProcessedImage image : images) {
            long[] shape = image.shape();
            if (shape.length != max.length) {
                throw new IllegalArgumentException("cannot stack shapes " + Arrays.toString(max) + " and "
                        + Arrays.toString(shape) + " of different rank");
            }
            for (int d = 0; d < shape.length; d++) {
                max[d] = Math.max(max[d], shape[d]);
            }
        }
        int itemSize = Math.toIntExact(product(max));
        float[] values = new float[Math.multiplyExact(itemSize, images.size())];
        for (int i = 0; i < images.size(); i++) {
            copyPadded(images.get(i), max, values, i * itemSize);
        }
        return new PixelBatch(values, prepend(images.size(), max), gridThw(images), imageSizes(images));
    }

    /** Returns a copy of the pixel values, row-major in {@link #shape()}. */
    public float[] values() {
        return values.clone();
    }

    /** Returns a read-only view of the pixel values without copying. */
    public FloatBuffer buffer() {
        return FloatBuffer.wrap(values).asReadOnlyBuffer();
    }

    /** Returns the shape of the pixel values (a copy). */
    public long[] shape() {
        return shape.clone();
    }

    /** Returns {@code image_grid_thw} flattened, shape {@code [n, 3]}, when every image has one. */
    public Optional<long[]> gridThw() {
        return Optional.ofNullable(gridThw).map(long[]::clone);
    }

    /** Returns {@code image_sizes} flattened, shape {@code [n, 2]}, when every image has one. */
    public Optional<long[]> imageSizes() {
        return Optional.ofNullable(imageSizes).map(long[]::clone);
    }

    private static ProcessedImage checkNotEmpty(List<ProcessedImage> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("cannot batch an empty list of images");
        }
        return images.get(0);
    }

    private static float[] joinValues(List<ProcessedImage> images) {
        long total = 0;
        for (ProcessedImage image : images) {
            total += image.size();
        }
        float[] values = new float[Math.toIntExact(total)];
        int offset = 0;
        for (ProcessedImage image : images) {
            image.pixelBuffer().get(values, offset, image.size());
            offset += image.size();
        }
        return values;
    }

    /** Copies an image into a zero block of shape {@code max}, each dimension aligned at its start. */
    private static void copyPadded(ProcessedImage image, long[] max, float[] target, int offset) {
        long[] shape = image.shape();
        int innerLength = (int) shape[shape.length - 1];
        int rows = image.size() / innerLength;
        FloatBuffer source = image.pixelBuffer();
        int[] index = new int[shape.length - 1];
        for (int row = 0; row < rows; row++) {
            long targetRow = 0;
            for (int d = 0; d < index.length; d++) {
                targetRow = targetRow * max[d] + index[d];
            }
            source.get(target, offset + (int) (targetRow * max[max.length - 1]), innerLength);
            for (int d = index.length - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
    }

    private static long[] gridThw(List<ProcessedImage> images) {
        long[] out = new long[images.size() * 3];
        for (int i = 0; i < images.size(); i++) {
            Optional<GridThw> grid = images.get(i).gridThw();
            if (grid.isEmpty()) {
                return null;
            }
            System.arraycopy(grid.get().toArray(), 0, out, i * 3, 3);
        }
        return out;
    }

    private static long[] imageSizes(List<ProcessedImage> images) {
        long[] out = new long[images.size() * 2];
        for (int i = 0; i < images.size(); i++) {
            Optional<ImageSize> size = images.get(i).imageSize();
            if (size.isEmpty()) {
                return null;
            }
            System.arraycopy(size.get().toArray(), 0, out, i * 2, 2);
        }
        return out;
    }

    private static long[] prepend(long first, long[] rest) {
        long[] shape = new long[rest.length + 1];
        shape[0] = first;
        System.arraycopy(rest, 0, shape, 1, rest.length);
        return shape;
    }

    private static long product(long[] shape) {
        long product = 1;
        for (long dim : shape) {
            product *= dim;
        }
        return product;
    }

    @Override
    public String toString() {
        return "PixelBatch[shape=" + Arrays.toString(shape) + "]";
    }
}
