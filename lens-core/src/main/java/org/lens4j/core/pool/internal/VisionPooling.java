package org.lens4j.core.pool.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import java.util.Arrays;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.pool.PoolingSpec;
import org.lens4j.core.pool.TokenSubset;

/**
 * Pools vision tensors to one vector per image: {@code [images, patches, hidden]} over each image's
 * patches, or {@code [all patches, hidden]} over each image's row range.
 */
public final class VisionPooling {

    private VisionPooling() {
    }

    /** Returns {@code [images, hidden]}; see {@link org.lens4j.core.pool.Pooler}. */
    public static NDArray pool(NDArray tensor, String module, PoolingSpec spec, SequenceInfo.ImageRows imageRows) {
        if (spec.subset() == TokenSubset.TEXT) {
            throw new IllegalArgumentException("token subset text does not apply to vision module '" + module
                    + "', whose rows are all image patches; use subset all or image");
        }
        long[] shape = tensor.getShape().getShape();

        if (shape.length == 3) {
            return poolPerImage(tensor, module, spec);
        }
        if (shape.length == 2) {
            return poolRanges(tensor, module, spec, imageRows.rangesFor(module));
        }
        throw new IllegalArgumentException("vision module '" + module + "' output must be [images, patches,"
                + " hidden] or [all patches, hidden], got " + Arrays.toString(shape));
    }

    private static NDArray poolPerImage(NDArray tensor, String module, PoolingSpec spec) {
        long[] shape = tensor.getShape().getShape();
        if (shape[1] == 0) {
            throw new IllegalArgumentException("vision module '" + module + "' output " + Arrays.toString(shape)
                    + " has no patches to pool with " + spec);
        }
        NDList rows = new NDList();
        for (int image = 0; image < shape[0]; image++) {
            rows.add(Reductions.reduceRows(tensor.get(image), spec.pooling()));
        }
        return NDArrays.stack(rows);
    }

    private static NDArray poolRanges(NDArray tensor, String module, PoolingSpec spec, int[][] ranges) {
        long[] shape = tensor.getShape().getShape();
        if (ranges.length == 0) {
            throw new IllegalArgumentException("vision module '" + module + "' has a 2-D output "
                    + Arrays.toString(shape) + " but the forward pass reported no per-image row ranges;"
                    + " the model must set SequenceInfo.imageRows for 2-D vision outputs");
        }
        NDList rows = new NDList();
        for (int image = 0; image < ranges.length; image++) {
            int start = ranges[image][0];
            int end = ranges[image][1];
            if (start < 0 || end <= start || end > shape[0]) {
                throw new IllegalArgumentException("image " + image + " of vision module '" + module
                        + "' has row range [" + start + ", " + end + ") outside its output "
                        + Arrays.toString(shape) + "; the ranges must be non-empty and within the rows");
            }
            NDArray block = tensor.get(new NDIndex("{}:{}", start, end));
            rows.add(Reductions.reduceRows(block, spec.pooling()));
        }
        return NDArrays.stack(rows);
    }
}
