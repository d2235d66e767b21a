package org.lens4j.core.capture;

import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.Objects;
import org.lens4j.core.pool.PoolingSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One captured tensor: a module's output (or input) at one call of one forward pass, pooled as
 * requested.
 *
 * <p>The data is copied out of the model's native (libtorch) memory into an ND4J array that this
 * capture owns; it stays valid after the model and the capture session are closed. The arrays of
 * the other components are copied on the way in and on the way out, so no caller can change them.
 *
 * @param module the module's canonical name
 * @param callIndex 0 for the module's first call in the forward pass, 1 for its second, ...
 * @param target whether this is the module's output or its input
 * @param data the captured values, float32: the tensor as the module produced it with pooling
 *     {@code none}, otherwise {@code [batch, hidden]} for sequence modules and
 *     {@code [images, hidden]} for vision modules
 * @param shape the shape of the tensor as the module produced it, before pooling
 * @param dtype the data type the module produced, before conversion to float32
 * @param pooling the pooling applied to {@code data}
 * @param attentionMask the attention mask of the language-model sequence, {@code [batch][seq]}
 * @param tokenTypes the token type of each sequence position, {@code [batch][seq]}
 * @param imageRanges for 2-D vision tensors {@code [all patches, hidden]}, the {start, end} row range
 *     (end exclusive) of each image in this module's rows; empty for every other tensor
 */
public record Capture(
        String module,
        int callIndex,
        CaptureTarget target,
        INDArray data,
        long[] shape,
        DataType dtype,
        PoolingSpec pooling,
        long[][] attentionMask,
        TokenType[][] tokenTypes,
        int[][] imageRanges) {

    /** Validates the components and copies the arrays. */
    public Capture {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(pooling, "pooling");
        if (callIndex < 0) {
            throw new IllegalArgumentException("callIndex must be >= 0, got " + callIndex);
        }
        shape = shape.clone();
        attentionMask = deepCopy(attentionMask);
        tokenTypes = deepCopy(tokenTypes);
        imageRanges = deepCopy(imageRanges);
    }

    /** Returns a copy of the shape before pooling. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Returns a copy of the attention mask. */
    @Override
    public long[][] attentionMask() {
        return deepCopy(attentionMask);
    }

    /** Returns a copy of the token types. */
    @Override
    public TokenType[][] tokenTypes() {
        return deepCopy(tokenTypes);
    }

    /** Returns a copy of the per-image row ranges. */
    @Override
    public int[][] imageRanges() {
        return deepCopy(imageRanges);
    }

    @Override
    public String toString() {
        return "Capture[" + module + " call " + callIndex + " " + target.name().toLowerCase(java.util.Locale.ROOT)
                + ", shape " + Arrays.toString(shape) + " " + dtype + ", pooling " + pooling
                + " -> " + Arrays.toString(data.shape()) + "]";
    }

    private static long[][] deepCopy(long[][] values) {
        long[][] out = new long[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].clone();
        }
        return out;
    }

    private static int[][] deepCopy(int[][] values) {
        int[][] out = new int[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].clone();
        }
        return out;
    }

    private static TokenType[][] deepCopy(TokenType[][] values) {
        TokenType[][] out = new TokenType[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].clone();
        }
        return out;
    }
}
