package org.lens4j.models.qwen2vl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Optional;
import org.lens4j.core.capture.ModelInputs;

/**
 * The checked inputs of one forward pass: token ids and attention mask as Java arrays, and the
 * images' pixel values and grids.
 */
final class QwenVLInputs {

    private final long[][] ids;
    private final long[][] mask;
    private final NDArray pixelValues;
    private final VisionGeometry geometry;

    private QwenVLInputs(long[][] ids, long[][] mask, NDArray pixelValues, VisionGeometry geometry) {
        this.ids = ids;
        this.mask = mask;
        this.pixelValues = pixelValues;
        this.geometry = geometry;
    }

    /**
     * Reads and checks {@code input_ids} {@code [B, L]}, {@code attention_mask} {@code [B, L]}
     * (all ones when absent), {@code pixel_values} {@code [N, C·T·P²]} and {@code image_grid_thw}
     * {@code [images, 3]}.
     *
     * @throws IllegalArgumentException naming the input and both shapes when one does not fit
     */
    static QwenVLInputs parse(ModelInputs inputs, QwenVLConfig config) {
        NDArray idsArray = inputs.require(ModelInputs.INPUT_IDS);
        Shape idsShape = idsArray.getShape();
        if (idsShape.dimension() != 2) {
            throw new IllegalArgumentException("input_ids must be 2-D [batch, seq], got " + idsShape);
        }
        long[][] ids = rows(longValues(idsArray, ModelInputs.INPUT_IDS), idsShape);
        long[][] mask = mask(inputs.find(ModelInputs.ATTENTION_MASK), idsShape);

        Optional<NDArray> pixels = inputs.find(ModelInputs.PIXEL_VALUES);
        if (pixels.isEmpty()) {
            return new QwenVLInputs(ids, mask, null, null);
        }
        NDArray grid = inputs.find(QwenVLModel.IMAGE_GRID_THW).orElseThrow(() -> new IllegalArgumentException(
                "pixel_values is present but image_grid_thw is missing; the Qwen2-VL processor returns both"));
        Shape gridShape = grid.getShape();
        if (gridShape.dimension() != 2 || gridShape.get(1) != 3) {
            throw new IllegalArgumentException("image_grid_thw must be [images, 3], got " + gridShape);
        }
        VisionGeometry geometry = VisionGeometry.of(rows(longValues(grid, QwenVLModel.IMAGE_GRID_THW), gridShape),
                config.vision().mergeSize());
        Shape expected = new Shape(geometry.patchCount(), config.vision().patchValues());
        if (!pixels.get().getShape().equals(expected)) {
            throw new IllegalArgumentException("pixel_values has shape " + pixels.get().getShape()
                    + " but image_grid_thw and the vision config imply " + expected);
        }
        return new QwenVLInputs(ids, mask, pixels.get(), geometry);
    }

    /** Returns the token ids {@code [B][L]}. */
    long[][] ids() {
        return ids;
    }

    /** Returns the attention mask {@code [B][L]}. */
    long[][] mask() {
        return mask;
    }

    /** Returns the sequence length. */
    int length() {
        return ids.length == 0 ? 0 : ids[0].length;
    }

    /** Returns the image geometry, or {@code null} without images. */
    VisionGeometry geometry() {
        return geometry;
    }

    /** Returns the number of images. */
    int imageCount() {
        return geometry == null ? 0 : geometry.imageCount();
    }

    /** Creates the token ids in {@code manager}, int64 {@code [B, L]}. */
    NDArray idsArray(NDManager manager) {
        long[] flat = new long[ids.length * length()];
        for (int b = 0; b < ids.length; b++) {
            System.arraycopy(ids[b], 0, flat, b * length(), length());
        }
        return manager.create(flat, new Shape(ids.length, length()));
    }

    /** Copies the pixel values into {@code manager} as float32 {@code [N, C·T·P²]}. */
    NDArray pixels(NDManager manager) {
        NDArray copy = pixelValues.toType(DataType.FLOAT32, true);
        copy.attach(manager);
        return copy;
    }

    private static long[][] mask(Optional<NDArray> given, Shape idsShape) {
        if (given.isEmpty()) {
            long[][] ones = new long[(int) idsShape.get(0)][(int) idsShape.get(1)];
            for (long[] row : ones) {
                java.util.Arrays.fill(row, 1);
            }
            return ones;
        }
        if (!given.get().getShape().equals(idsShape)) {
            throw new IllegalArgumentException("attention_mask has shape " + given.get().getShape()
                    + " but input_ids has " + idsShape);
        }
        long[][] mask = rows(longValues(given.get(), ModelInputs.ATTENTION_MASK), idsShape);
        for (int b = 0; b < mask.length; b++) {
            for (int l = 0; l < mask[b].length; l++) {
                if (mask[b][l] != 0 && mask[b][l] != 1) {
                    throw new IllegalArgumentException("attention_mask must hold 0 or 1, got " + mask[b][l]
                            + " at [" + b + ", " + l + "]");
                }
            }
        }
        return mask;
    }

    private static long[] longValues(NDArray array, String name) {
        DataType type = array.getDataType();
        if (type == DataType.INT64) {
            return array.toLongArray();
        }
        if (type == DataType.INT32) {
            return java.util.Arrays.stream(array.toIntArray()).asLongStream().toArray();
        }
        throw new IllegalArgumentException(name + " must be int64 or int32, got " + type);
    }

    private static long[][] rows(long[] flat, Shape shape) {
        int count = Math.toIntExact(shape.get(0));
        int width = Math.toIntExact(shape.get(1));
        long[][] out = new long[count][width];
        for (int r = 0; r < count; r++) {
            System.arraycopy(flat, r * width, out[r], 0, width);
        }
        return out;
    }
}
