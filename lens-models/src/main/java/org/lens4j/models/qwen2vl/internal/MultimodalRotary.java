package org.lens4j.models.qwen2vl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The multimodal rotary embedding (M-RoPE) of the Qwen2-VL decoder.
 *
 * <p>Every position has three coordinates (temporal, height, width). Angles are computed for each
 * coordinate over the whole head, then the head dimension is cut into the sections
 * {@code mrope_section + mrope_section} and section {@code i} takes its angles from coordinate
 * {@code i mod 3}. Dimensions: {@code B} batch, {@code L} sequence, {@code D} head size.
 */
final class MultimodalRotary {

    private final int[] sections;

    MultimodalRotary(int[] mropeSection) {
        this.sections = mropeSection.clone();
    }

    /**
     * Returns the cosine and sine tables of every coordinate, {@code [3, B, L, D]} each, as the
     * reference's {@code model.rotary_emb} outputs them.
     *
     * @param positions {@code [3][B][L]}
     * @param inverseFrequencies {@code [D / 2]}
     */
    static NDList tables(NDManager manager, long[][][] positions, NDArray inverseFrequencies) {
        int batch = positions[0].length;
        int length = batch == 0 ? 0 : positions[0][0].length;
        float[] flat = new float[3 * batch * length];
        int k = 0;
        for (long[][] axis : positions) {
            for (long[] row : axis) {
                for (long p : row) {
                    flat[k++] = p;
                }
            }
        }
        NDArray coordinates = manager.create(flat, new Shape(3, batch, length, 1));
        NDArray angles = coordinates.mul(inverseFrequencies);
        NDArray doubled = angles.concat(angles, -1);
        return new NDList(doubled.cos(), doubled.sin());
    }

    /** Selects the sections of each coordinate: {@code [3, B, L, D]} → {@code [B, 1, L, D]}. */
    NDArray select(NDArray table) {
        NDList parts = new NDList();
        int start = 0;
        for (int i = 0; i < 2 * sections.length; i++) {
            int width = sections[i % sections.length];
            parts.add(table.get((i % 3) + ", :, :, " + start + ":" + (start + width)));
            start += width;
        }
        return NDArrays.concat(parts, -1).expandDims(1);
    }
}
