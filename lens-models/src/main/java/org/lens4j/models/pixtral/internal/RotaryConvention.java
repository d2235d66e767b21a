package org.lens4j.models.pixtral.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.lens4j.models.blocks.Rotary;

/**
 * The pairing of the head dimensions that one rotary frequency rotates, which differs between
 * checkpoint layouts.
 *
 * <p>mistral_inference rotates interleaved pairs {@code (x[2i], x[2i+1])} as complex numbers. The
 * transformers conversion permutes the rows of the query and key weights so that the same pair
 * becomes {@code (x[i], x[i + D/2])}, the "rotate half" convention. Both give the same attention;
 * only the order of the query and key features differs.
 */
enum RotaryConvention {
    /** Pairs {@code (x[i], x[i + D/2])}: transformers. */
    HALF,
    /** Pairs {@code (x[2i], x[2i+1])}: mistral_inference. */
    INTERLEAVED;

    /** Returns the convention of a layout. */
    static RotaryConvention of(PixtralConfig.Layout layout) {
        return layout == PixtralConfig.Layout.MISTRAL ? INTERLEAVED : HALF;
    }

    /**
     * Expands per-pair angles {@code [N, D/2]} (row-major float values) into the cosine and sine
     * tables {@code [N, D]} of this convention, created in {@code manager}.
     */
    NDArray[] tables(NDManager manager, float[] angles, int rows, int pairs) {
        float[] cos = new float[rows * pairs * 2];
        float[] sin = new float[rows * pairs * 2];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < pairs; i++) {
                float angle = angles[r * pairs + i];
                float c = (float) Math.cos(angle);
                float s = (float) Math.sin(angle);
                int first = this == HALF ? r * 2 * pairs + i : r * 2 * pairs + 2 * i;
                int second = this == HALF ? first + pairs : first + 1;
                cos[first] = c;
                cos[second] = c;
                sin[first] = s;
                sin[second] = s;
            }
        }
        Shape shape = new Shape(rows, 2L * pairs);
        return new NDArray[] {manager.create(cos, shape), manager.create(sin, shape)};
    }

    /** Returns {@code x · cos + rotate(x) · sin}. The tables broadcast against {@code x [..., D]}. */
    NDArray apply(NDArray x, NDArray cos, NDArray sin) {
        if (this == HALF) {
            return Rotary.apply(x, cos, sin);
        }
        return x.mul(cos).addi(rotatePairs(x).muli(sin));
    }

    /** Returns {@code (−x[2i+1], x[2i])} for each pair of the last dimension. */
    private static NDArray rotatePairs(NDArray x) {
        Shape shape = x.getShape();
        long last = shape.getLastDimension();
        NDArray pairs = x.reshape(shape.slice(0, shape.dimension() - 1).add(last / 2, 2));
        NDArray even = pairs.get("..., 0:1");
        NDArray odd = pairs.get("..., 1:2");
        return odd.neg().concat(even, -1).reshape(shape);
    }
}
