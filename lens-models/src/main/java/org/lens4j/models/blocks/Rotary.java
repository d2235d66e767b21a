package org.lens4j.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Rotary position embedding helpers in the "rotate half" convention used by transformers:
 * the head dimension is split into two halves {@code (x₁, x₂)} and rotated as
 * {@code x · cos + (−x₂, x₁) · sin}.
 */
public final class Rotary {

    private Rotary() {
    }

    /**
     * Returns the inverse frequencies {@code 1 / theta^(2i / dim)} for {@code i < dim / 2}, float32
     * {@code [dim / 2]}, computed with the same float32 operations as the reference.
     *
     * @throws IllegalArgumentException when {@code dim} is not a positive even number
     */
    public static NDArray inverseFrequencies(NDManager manager, int dim, double theta) {
        if (dim <= 0 || dim % 2 != 0) {
            throw new IllegalArgumentException("rotary dimension must be positive and even, got " + dim);
        }
        NDArray exponents = manager.arange(0, dim, 2, DataType.INT64).toType(DataType.FLOAT32, false).divi(dim);
        NDArray powers = manager.full(exponents.getShape(), (float) theta).pow(exponents);
        return powers.getNDArrayInternal().rdiv(1f);
    }

    /** Returns {@code (−x₂, x₁)} for the halves {@code x₁, x₂} of the last dimension. */
    public static NDArray rotateHalf(NDArray x) {
        long half = x.getShape().getLastDimension() / 2;
        NDArray first = x.get("..., :" + half);
        NDArray second = x.get("..., " + half + ":");
        return second.neg().concat(first, -1);
    }

    /**
     * Returns {@code x · cos + rotateHalf(x) · sin}; {@code cos} and {@code sin} broadcast against
     * {@code x} and have its last dimension.
     */
    public static NDArray apply(NDArray x, NDArray cos, NDArray sin) {
        return x.mul(cos).addi(rotateHalf(x).muli(sin));
    }
}
