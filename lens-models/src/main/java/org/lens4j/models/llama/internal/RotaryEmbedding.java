package org.lens4j.models.llama.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.llama.LlamaTextConfig;

/**
 * Rotary position embeddings with the half-rotation layout: frequencies {@code θ^(−2i/d)} (after
 * the configured scaling), {@code cos} and {@code sin} tables of {@code [positions, d]} whose two
 * halves repeat the same angles.
 *
 * <p>The module reports {@code cos} as its output, the first element of the (cos, sin) pair
 * transformers returns.
 */
public final class RotaryEmbedding {

    private final String name;
    private final float[] inverseFrequencies;

    /** Creates the model-level rotary module {@code name} for {@code config}. */
    public RotaryEmbedding(String name, LlamaTextConfig config) {
        this.name = name;
        int half = config.headDim() / 2;
        float[] inverse = new float[half];
        for (int i = 0; i < half; i++) {
            // float32 steps, as transformers computes the default frequencies.
            float exponent = (float) (2 * i) / config.headDim();
            inverse[i] = 1.0f / (float) Math.pow(config.ropeTheta(), exponent);
        }
        this.inverseFrequencies = config.ropeScaling().scale(inverse);
    }

    /**
     * Builds the tables for {@code positions [rows][s]}.
     *
     * @param input the hidden states the module receives (reported as its input only)
     * @return {@code cos} and {@code sin}, each {@code [rows, 1, s, d]} (broadcastable over heads),
     *     in {@code manager}
     */
    public Tables forward(NDArray input, long[][] positions, NDManager manager, ForwardHooks hooks) {
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
                    cos[base + i] = c;
                    cos[base + half + i] = c;
                    sin[base + i] = s;
                    sin[base + half + i] = s;
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
     * The rotary tables.
     *
     * @param cos {@code [rows, 1, s, d]}
     * @param sin {@code [rows, 1, s, d]}
     */
    public record Tables(NDArray cos, NDArray sin) {
    }
}
