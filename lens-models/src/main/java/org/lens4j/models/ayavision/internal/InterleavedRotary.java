package org.lens4j.models.ayavision.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.lens4j.core.capture.ForwardHooks;

/**
 * Rotary position embeddings in Cohere's interleaved layout: the angle of frequency {@code i}
 * applies to the pair of channels {@code (2i, 2i + 1)}, so the tables repeat each angle twice in a
 * row, and the rotation maps each pair {@code (x₁, x₂)} to {@code (−x₂, x₁)}. Frequencies are
 * {@code θ^(−2i/d)}.
 *
 * <p>The module reports {@code cos} {@code [rows, s, d]} as its output, the first element of the
 * (cos, sin) pair transformers returns.
 *
 * <pre>
 * b batch   h heads   s sequence   d head size
 * </pre>
 */
final class InterleavedRotary {

    private final String name;
    private final float[] inverseFrequencies;

    InterleavedRotary(String name, int headDim, double theta) {
        this.name = name;
        int half = headDim / 2;
        this.inverseFrequencies = new float[half];
        for (int i = 0; i < half; i++) {
            // float32 steps, as transformers computes the default frequencies.
            float exponent = (float) (2 * i) / headDim;
            inverseFrequencies[i] = 1.0f / (float) Math.pow(theta, exponent);
        }
    }

    /**
     * Builds the tables for {@code positions [rows][s]}.
     *
     * @param input the hidden states the module receives (reported as its input only)
     * @return {@code cos} and {@code sin}, each {@code [rows, 1, s, d]}, in {@code manager}
     */
    Tables forward(NDArray input, long[][] positions, NDManager manager, ForwardHooks hooks) {
        hooks.onInput(name, input);
        int rows = positions.length;
        int length = positions[0].length;
        int half = inverseFrequencies.length;
        int dim = 2 * half;
        float[] cos = new float[rows * length * dim];
        float[] sin = new float[rows * length * dim];
        for (int r = 0; r < rows; r++) {
            for (int p = 0; p < length; p++) {
                int base = (r * length + p) * dim;
                for (int i = 0; i < half; i++) {
                    float angle = (float) positions[r][p] * inverseFrequencies[i];
                    float c = (float) Math.cos(angle);
                    float s = (float) Math.sin(angle);
                    cos[base + 2 * i] = c;
                    cos[base + 2 * i + 1] = c;
                    sin[base + 2 * i] = s;
                    sin[base + 2 * i + 1] = s;
                }
            }
        }
        Shape shape = new Shape(rows, 1, length, dim);
        Tables tables = new Tables(manager.create(cos, shape), manager.create(sin, shape));
        if (hooks.isHooked(name)) {
            hooks.onOutput(name, tables.cos().reshape(rows, length, dim));
        }
        return tables;
    }

    /**
     * Rotates {@code x [b, h, s, d]}: {@code x·cos + rotate(x)·sin} with the pairwise rotation.
     *
     * @param tables from {@link #forward}
     */
    static NDArray apply(NDArray x, Tables tables) {
        Shape shape = x.getShape();
        NDArray pairs = x.reshape(shape.get(0), shape.get(1), shape.get(2), shape.get(3) / 2, 2); // [b, h, s, d/2, 2]
        NDArray first = pairs.get(new NDIndex("..., 0"));
        NDArray second = pairs.get(new NDIndex("..., 1"));
        NDArray rotated = NDArrays.stack(new NDList(second.neg(), first), -1).reshape(shape); // [b, h, s, d]
        return x.mul(tables.cos()).add(rotated.mul(tables.sin()));
    }

    /**
     * The rotary tables.
     *
     * @param cos {@code [rows, 1, s, d]}
     * @param sin {@code [rows, 1, s, d]}
     */
    record Tables(NDArray cos, NDArray sin) {
    }
}
