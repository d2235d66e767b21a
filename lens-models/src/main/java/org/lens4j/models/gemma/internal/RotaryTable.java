package org.lens4j.models.gemma.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embedding with the half-split ("rotate_half") convention: frequency
 * {@code θ^(−2i/d)} for {@code i < d/2}, angles {@code position · frequency} repeated over both
 * halves of the head.
 *
 * <pre>
 * r position rows (1 when every batch row shares the positions)   s sequence   d head size
 * </pre>
 */
public final class RotaryTable {

    private final int headSize;
    private final float[] inverseFrequencies;

    /** Creates the table for heads of {@code headSize} with base {@code theta}. */
    public RotaryTable(int headSize, double theta) {
        this.headSize = headSize;
        this.inverseFrequencies = new float[headSize / 2];
        for (int i = 0; i < inverseFrequencies.length; i++) {
            // As transformers: the exponent and the power in float32.
            float exponent = (float) (2 * i) / headSize;
            inverseFrequencies[i] = (float) (1.0 / Math.pow(theta, exponent));
        }
    }

    /**
     * Returns {cos, sin}, each {@code [r, s, d]}, for the positions {@code [r][s]}.
     */
    public NDList cosSin(long[][] positions, NDManager manager) {
        int rows = positions.length;
        int length = positions[0].length;
        int half = headSize / 2;
        float[] cos = new float[rows * length * headSize];
        float[] sin = new float[cos.length];
        for (int r = 0; r < rows; r++) {
            for (int p = 0; p < length; p++) {
                int base = (r * length + p) * headSize;
                for (int i = 0; i < half; i++) {
                    float angle = (float) positions[r][p] * inverseFrequencies[i];
                    float c = (float) Math.cos(angle);
                    float s = (float) Math.sin(angle);
                    cos[base + i] = c;
                    cos[base + half + i] = c;
                    sin[base + i] = s;
                    sin[base + half + i] = s;
                }
            }
        }
        Shape shape = new Shape(rows, length, headSize);
        return new NDList(manager.create(cos, shape), manager.create(sin, shape));
    }

    /**
     * Rotates {@code x [b, heads, s, d]} by the angles of {@code cos} and {@code sin} {@code [r, s, d]}:
     * {@code x·cos + rotate_half(x)·sin}.
     */
    public static NDArray apply(NDArray x, NDArray cos, NDArray sin) {
        long half = x.getShape().get(3) / 2;
        NDArray first = x.get(new NDIndex("..., :{}", half));
        NDArray second = x.get(new NDIndex("..., {}:", half));
        NDArray rotated = NDArrays.concat(new NDList(second.neg(), first), -1); // [b, heads, s, d]
        return x.mul(cos.expandDims(1)).addi(rotated.muli(sin.expandDims(1)));
    }
}
