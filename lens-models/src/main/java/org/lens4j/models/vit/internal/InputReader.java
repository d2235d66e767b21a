package org.lens4j.models.vit.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Optional;
import org.lens4j.core.capture.ModelInputs;

/** Reads and validates the integer inputs of a forward pass into Java arrays. */
public final class InputReader {

    private InputReader() {
    }

    /**
     * Reads a 2-D integer input ({@code input_ids}, {@code attention_mask}) as {@code [rows][cols]}.
     *
     * @throws IllegalArgumentException naming the input when it is not 2-D
     */
    public static long[][] matrix(NDArray array, String inputName) {
        Shape shape = array.getShape();
        if (shape.dimension() != 2 || shape.get(0) == 0 || shape.get(1) == 0) {
            throw new IllegalArgumentException(inputName + " must be a non-empty [batch, seq] array, got shape "
                    + Arrays.toString(shape.getShape()));
        }
        int rows = Math.toIntExact(shape.get(0));
        int cols = Math.toIntExact(shape.get(1));
        long[] flat;
        if (array.getDataType() == DataType.INT64) {
            flat = array.toLongArray();
        } else {
            try (NDArray widened = array.toType(DataType.INT64, false)) {
                flat = widened.toLongArray();
            }
        }
        long[][] out = new long[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = Arrays.copyOfRange(flat, i * cols, (i + 1) * cols);
        }
        return out;
    }

    /**
     * Reads {@code input_ids} and checks every id lies in {@code [0, vocabSize)}.
     *
     * @throws IllegalArgumentException naming the first bad id and its position
     */
    public static long[][] tokenIds(ModelInputs inputs, long vocabSize) {
        long[][] ids = matrix(inputs.require(ModelInputs.INPUT_IDS), ModelInputs.INPUT_IDS);
        for (int row = 0; row < ids.length; row++) {
            for (int col = 0; col < ids[row].length; col++) {
                long id = ids[row][col];
                if (id < 0 || id >= vocabSize) {
                    throw new IllegalArgumentException("input_ids[" + row + "][" + col + "] = " + id
                            + " is outside the vocabulary [0, " + vocabSize + ")");
                }
            }
        }
        return ids;
    }

    /**
     * Reads {@code attention_mask}, or all ones when absent.
     *
     * @throws IllegalArgumentException when its shape differs from {@code input_ids} or a value is not 0 or 1
     */
    public static long[][] attentionMask(ModelInputs inputs, long[][] ids) {
        Optional<NDArray> given = inputs.find(ModelInputs.ATTENTION_MASK);
        long[][] mask = new long[ids.length][ids[0].length];
        if (given.isEmpty()) {
            for (long[] row : mask) {
                Arrays.fill(row, 1L);
            }
            return mask;
        }
        mask = matrix(given.get(), ModelInputs.ATTENTION_MASK);
        if (mask.length != ids.length || mask[0].length != ids[0].length) {
            throw new IllegalArgumentException("attention_mask has shape [" + mask.length + ", " + mask[0].length
                    + "] but input_ids has [" + ids.length + ", " + ids[0].length + "]");
        }
        for (long[] row : mask) {
            for (long value : row) {
                if (value != 0 && value != 1) {
                    throw new IllegalArgumentException("attention_mask must contain only 0 or 1, found " + value);
                }
            }
        }
        return mask;
    }
}
