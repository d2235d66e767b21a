package org.lens4j.models.siglip.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.capture.TokenType;

/** Reads and checks the standard inputs of a forward pass and describes the sequence it ran. */
public final class TokenInputs {

    private TokenInputs() {
    }

    /**
     * Reads {@code input_ids [batch, seq]} and checks each id against the vocabulary.
     *
     * @throws IllegalArgumentException when the input is missing, not 2-D, not integer or out of range
     */
    public static long[][] inputIds(ModelInputs inputs, long vocabSize) {
        long[][] ids = matrix(inputs.require(ModelInputs.INPUT_IDS), ModelInputs.INPUT_IDS);
        for (long[] row : ids) {
            for (long id : row) {
                if (id < 0 || id >= vocabSize) {
                    throw new IllegalArgumentException("input_ids contains token id " + id + ", outside the"
                            + " vocabulary [0, " + vocabSize + ") of the language model");
                }
            }
        }
        return ids;
    }

    /**
     * Reads {@code attention_mask [batch, seq]} (1 for real tokens, 0 for padding), or all ones when
     * the input is absent.
     *
     * @throws IllegalArgumentException when its shape differs from {@code input_ids} or a value is
     *     not 0 or 1
     */
    public static long[][] attentionMask(ModelInputs inputs, long[][] ids) {
        Optional<NDArray> given = inputs.find(ModelInputs.ATTENTION_MASK);
        if (given.isEmpty()) {
            long[][] ones = new long[ids.length][];
            for (int b = 0; b < ids.length; b++) {
                ones[b] = new long[ids[b].length];
                Arrays.fill(ones[b], 1L);
            }
            return ones;
        }
        long[][] mask = matrix(given.get(), ModelInputs.ATTENTION_MASK);
        if (mask.length != ids.length || mask[0].length != ids[0].length) {
            throw new IllegalArgumentException("attention_mask has shape [" + mask.length + ", " + mask[0].length
                    + "] but input_ids has [" + ids.length + ", " + ids[0].length + "]");
        }
        for (long[] row : mask) {
            for (long value : row) {
                if (value != 0 && value != 1) {
                    throw new IllegalArgumentException("attention_mask must contain only 0 and 1, found " + value);
                }
            }
        }
        return mask;
    }

    /**
     * Copies {@code pixel_values [images, channels, height, width]} into {@code scope} as float32.
     *
     * @throws IllegalArgumentException when the input is not 4-D with {@code channels} channels
     */
    public static NDArray pixelValues(NDArray pixels, NDManager scope, long channels) {
        Shape shape = pixels.getShape();
        if (shape.dimension() != 4 || shape.get(1) != channels) {
            throw new IllegalArgumentException("pixel_values must be [images, " + channels
                    + ", height, width], got " + shape);
        }
        float[] values = pixels.getDataType() == DataType.FLOAT32
                ? pixels.toFloatArray()
                : toFloats(pixels);
        return scope.create(values, shape);
    }

    /** Counts the positions holding {@code tokenId}, per batch row. */
    public static int[] countPerRow(long[][] ids, long tokenId) {
        int[] counts = new int[ids.length];
        for (int b = 0; b < ids.length; b++) {
            for (long id : ids[b]) {
                if (id == tokenId) {
                    counts[b]++;
                }
            }
        }
        return counts;
    }

    /**
     * Describes the sequence: positions holding {@code imageTokenId} are {@link TokenType#IMAGE},
     * padding and the ids in {@code specialIds} are {@link TokenType#SPECIAL}, the rest
     * {@link TokenType#TEXT}.
     *
     * @param imagesPerItem how many images each row carries
     */
    public static SequenceInfo sequenceInfo(long[][] ids, long[][] mask, long imageTokenId, Set<Long> specialIds,
            int[] imagesPerItem, SequenceInfo.ImageRows imageRows) {
        TokenType[][] types = new TokenType[ids.length][];
        long[][] maskCopy = new long[ids.length][];
        for (int b = 0; b < ids.length; b++) {
            types[b] = new TokenType[ids[b].length];
            for (int i = 0; i < ids[b].length; i++) {
                long id = ids[b][i];
                if (id == imageTokenId) {
                    types[b][i] = TokenType.IMAGE;
                } else if (mask[b][i] == 0 || specialIds.contains(id)) {
                    types[b][i] = TokenType.SPECIAL;
                } else {
                    types[b][i] = TokenType.TEXT;
                }
            }
            maskCopy[b] = mask[b].clone();
        }
        return new SequenceInfo(maskCopy, types, imageRows, imagesPerItem.clone());
    }

    private static long[][] matrix(NDArray array, String name) {
        Shape shape = array.getShape();
        if (shape.dimension() != 2 || shape.get(0) == 0 || shape.get(1) == 0) {
            throw new IllegalArgumentException(name + " must be a non-empty [batch, seq] array, got " + shape);
        }
        long[] flat = switch (array.getDataType()) {
            case INT64 -> array.toLongArray();
            case INT32 -> Arrays.stream(array.toIntArray()).asLongStream().toArray();
            default -> throw new IllegalArgumentException(name + " must be int64 or int32, got "
                    + array.getDataType());
        };
        int rows = (int) shape.get(0);
        int columns = (int) shape.get(1);
        long[][] out = new long[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(flat, r * columns, (r + 1) * columns);
        }
        return out;
    }

    private static float[] toFloats(NDArray pixels) {
        if (!pixels.getDataType().isFloating()) {
            throw new IllegalArgumentException("pixel_values must be floating point, got " + pixels.getDataType());
        }
        try (NDArray wide = pixels.toType(DataType.FLOAT64, true)) {
            double[] values = wide.toDoubleArray();
            float[] out = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = (float) values[i];
            }
            return out;
        }
    }
}
