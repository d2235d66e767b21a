package org.lens4j.models.blip2.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Optional;
import org.lens4j.core.capture.ModelInputs;

/**
 * The checked inputs of one BLIP-2 forward pass: token ids and attention mask as Java arrays, and
 * the pixel values.
 *
 * @param ids token ids {@code [B][T]}
 * @param mask attention mask {@code [B][T]}, all ones when the input has none
 * @param pixels pixel values {@code [B, 3, S, S]}, one image per batch item
 */
record Blip2Inputs(long[][] ids, long[][] mask, NDArray pixels) {

    /**
     * Reads and checks {@code input_ids}, {@code attention_mask} and {@code pixel_values}.
     *
     * @throws IllegalArgumentException naming the input and the shapes when one is missing or does
     *     not fit
     */
    static Blip2Inputs parse(ModelInputs inputs, Blip2Config config) {
        NDArray idsArray = inputs.require(ModelInputs.INPUT_IDS);
        Shape idsShape = idsArray.getShape();
        if (idsShape.dimension() != 2) {
            throw new IllegalArgumentException("input_ids must be 2-D [batch, seq], got " + idsShape);
        }
        long[][] ids = rows(idsArray.toType(DataType.INT64, false).toLongArray(), idsShape);
        long[][] mask = mask(inputs.find(ModelInputs.ATTENTION_MASK), idsShape);

        NDArray pixels = inputs.require(ModelInputs.PIXEL_VALUES);
        int side = config.vision().imageSize();
        Shape expected = new Shape(idsShape.get(0), 3, side, side);
        if (!pixels.getShape().equals(expected)) {
            throw new IllegalArgumentException("pixel_values has shape " + pixels.getShape() + " but BLIP-2 needs "
                    + expected + ": one " + side + "x" + side + " RGB image per prompt, as BlipImageProcessor makes");
        }
        if (pixels.getDataType() != DataType.FLOAT32) {
            pixels = pixels.toType(DataType.FLOAT32, false);
        }
        return new Blip2Inputs(ids, mask, pixels);
    }

    /** Returns the batch size. */
    int batch() {
        return ids.length;
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
        int batch = (int) shape.get(0);
        int length = (int) shape.get(1);
        long[][] out = new long[batch][length];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(flat, b * length, out[b], 0, length);
        }
        return out;
    }
}
