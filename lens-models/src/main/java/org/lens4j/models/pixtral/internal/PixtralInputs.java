package org.lens4j.models.pixtral.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Optional;
import org.lens4j.core.capture.ModelInputs;

/**
 * The checked inputs of one Pixtral forward pass.
 *
 * @param ids token ids {@code [B][L]}
 * @param mask attention mask {@code [B][L]}, all ones when the input has none
 * @param pixels pixel values {@code [I, C, H, W]} (each image in the top-left corner), or
 *     {@code null} without images
 * @param patchGrid patch rows and columns of each image, {@code [I][2]}
 */
record PixtralInputs(long[][] ids, long[][] mask, NDArray pixels, int[][] patchGrid) {

    /** Input name of the image sizes in pixels, int64 {@code [I, 2]} = (height, width). */
    static final String IMAGE_SIZES = "image_sizes";

    /**
     * Reads and checks {@code input_ids}, {@code attention_mask}, {@code pixel_values} and
     * {@code image_sizes}; without {@code image_sizes} every image fills its whole
     * {@code pixel_values} slot.
     *
     * @throws IllegalArgumentException naming the input and the shapes when one does not fit
     */
    static PixtralInputs parse(ModelInputs inputs, PixtralConfig config) {
        NDArray idsArray = inputs.require(ModelInputs.INPUT_IDS);
        Shape idsShape = idsArray.getShape();
        if (idsShape.dimension() != 2) {
            throw new IllegalArgumentException("input_ids must be 2-D [batch, seq], got " + idsShape);
        }
        long[][] ids = rows(idsArray.toType(DataType.INT64, false).toLongArray(), idsShape);
        long[][] mask = mask(inputs.find(ModelInputs.ATTENTION_MASK), idsShape);

        Optional<NDArray> pixels = inputs.find(ModelInputs.PIXEL_VALUES);
        if (pixels.isEmpty()) {
            return new PixtralInputs(ids, mask, null, new int[0][]);
        }
        Shape pixelShape = pixels.get().getShape();
        int channels = config.vision().channels();
        if (pixelShape.dimension() != 4 || pixelShape.get(1) != channels) {
            throw new IllegalArgumentException("pixel_values must be [images, " + channels + ", height, width], got "
                    + pixelShape);
        }
        long[][] sizes = imageSizes(inputs, pixelShape);
        int patch = config.vision().patchSize();
        int maxSide = config.vision().imageSize();
        int[][] grid = new int[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i][0] < patch || sizes[i][1] < patch || sizes[i][0] > maxSide || sizes[i][1] > maxSide) {
                throw new IllegalArgumentException("image " + i + " is " + sizes[i][0] + "x" + sizes[i][1]
                        + " pixels; Pixtral takes sides from " + patch + " (one patch) to " + maxSide
                        + " (image_size), as PixtralImageProcessor resizes them");
            }
            grid[i] = new int[] {(int) (sizes[i][0] / patch), (int) (sizes[i][1] / patch)};
        }
        NDArray values = pixels.get().getDataType() == DataType.FLOAT32
                ? pixels.get()
                : pixels.get().toType(DataType.FLOAT32, false);
        return new PixtralInputs(ids, mask, values, grid);
    }

    /** Returns the number of images. */
    int imageCount() {
        return patchGrid.length;
    }

    /** Returns the number of patches of all images. */
    int patchCount() {
        int count = 0;
        for (int[] grid : patchGrid) {
            count += grid[0] * grid[1];
        }
        return count;
    }

    private static long[][] imageSizes(ModelInputs inputs, Shape pixelShape) {
        int images = (int) pixelShape.get(0);
        Optional<NDArray> sizes = inputs.find(IMAGE_SIZES);
        if (sizes.isEmpty()) {
            long[][] full = new long[images][];
            for (int i = 0; i < images; i++) {
                full[i] = new long[] {pixelShape.get(2), pixelShape.get(3)};
            }
            return full;
        }
        Shape shape = sizes.get().getShape();
        if (!shape.equals(new Shape(images, 2))) {
            throw new IllegalArgumentException("image_sizes has shape " + shape + " but pixel_values " + pixelShape
                    + " needs (" + images + ", 2): one (height, width) per image");
        }
        long[][] out = rows(sizes.get().toType(DataType.INT64, false).toLongArray(), shape);
        for (int i = 0; i < images; i++) {
            if (out[i][0] > pixelShape.get(2) || out[i][1] > pixelShape.get(3)) {
                throw new IllegalArgumentException("image_sizes row " + i + " " + Arrays.toString(out[i])
                        + " exceeds the pixel_values slot " + pixelShape.get(2) + "x" + pixelShape.get(3));
            }
        }
        return out;
    }

    private static long[][] mask(Optional<NDArray> maskArray, Shape idsShape) {
        if (maskArray.isEmpty()) {
            long[][] ones = new long[(int) idsShape.get(0)][(int) idsShape.get(1)];
            for (long[] row : ones) {
                Arrays.fill(row, 1L);
            }
            return ones;
        }
        if (!maskArray.get().getShape().equals(idsShape)) {
            throw new IllegalArgumentException("attention_mask has shape " + maskArray.get().getShape()
                    + " but input_ids has " + idsShape);
        }
        return rows(maskArray.get().toType(DataType.INT64, false).toLongArray(), idsShape);
    }

    private static long[][] rows(long[] flat, Shape shape) {
        int count = (int) shape.get(0);
        int length = (int) shape.get(1);
        long[][] out = new long[count][length];
        for (int r = 0; r < count; r++) {
            System.arraycopy(flat, r * length, out[r], 0, length);
        }
        return out;
    }
}
