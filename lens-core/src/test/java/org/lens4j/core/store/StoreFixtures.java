package org.lens4j.core.store;

import java.util.Arrays;

/** Rows with predictable contents for the store tests. */
final class StoreFixtures {

    static final String MODEL = "test-org/tiny-vlm";
    static final String ARCHITECTURE = "qwen2-vl";
    static final String LAYER = "model.layers.1.post_attention_layernorm";
    static final String POOLING = "mean";
    static final String PROMPT = "Is the fabric defective?";

    private StoreFixtures() {
    }

    /** Returns a run of the test model. */
    static RunInfo run() {
        return RunInfo.of(MODEL, ARCHITECTURE).withModelRevision("rev-1").withSeed(7L);
    }

    /** Returns the key of image {@code index} at the test layer and pooling. */
    static FeatureKey key(int index) {
        return key(index, LAYER, POOLING);
    }

    /** Returns the key of image {@code index} at a layer and pooling. */
    static FeatureKey key(int index, String layer, String pooling) {
        return new FeatureKey("img-" + index, "images/img-" + index + ".png", PROMPT, layer,
                pooling, 0);
    }

    /** Returns the vector of image {@code index}: {@code index * 100 + j} for j in 0..d-1. */
    static float[] vector(int index, int dimension) {
        float[] values = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            values[j] = index * 100f + j;
        }
        return values;
    }

    /** Returns a {@code [1, d]} row of image {@code index}, labelled by its parity. */
    static FeatureRow row(int index, int dimension) {
        return FeatureRow.of(key(index), label(index), vector(index, dimension), 1, dimension);
    }

    /** Returns "defect" for odd indices and "normal" for even ones. */
    static String label(int index) {
        return index % 2 == 1 ? "defect" : "normal";
    }

    /** Returns row {@code row} of a row-major matrix. */
    static float[] matrixRow(float[] flat, int row, int dimension) {
        return Arrays.copyOfRange(flat, row * dimension, (row + 1) * dimension);
    }
}
