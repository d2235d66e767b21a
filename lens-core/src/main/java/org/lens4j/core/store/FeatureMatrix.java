package org.lens4j.core.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The features of one layer and pooling as an {@code (n × d)} float32 matrix, with the row
 * metadata in the same order (ascending row id). The caller owns {@code features}; its native
 * buffer is freed by ND4J's garbage collection or by {@code features().close()}.
 *
 * @param selection what was read, with the call index and model id that were found
 * @param features the {@code (n × d)} float32 matrix, one row per stored row
 * @param rowIds the database row ids (copied on access)
 * @param labels the labels, null where a row has none
 * @param imageIds the image ids, null where a row has none
 * @param imagePaths the image paths, null where a row has none
 * @param prompts the prompts
 */
public record FeatureMatrix(FeatureSelection selection, INDArray features, long[] rowIds,
        List<String> labels, List<String> imageIds, List<String> imagePaths,
        List<String> prompts) {

    /** Copies the arrays and lists. */
    public FeatureMatrix {
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(features, "features");
        rowIds = rowIds.clone();
        labels = copyAllowingNulls(labels);
        imageIds = copyAllowingNulls(imageIds);
        imagePaths = copyAllowingNulls(imagePaths);
        prompts = copyAllowingNulls(prompts);
    }

    /** Returns a copy of the row ids. */
    @Override
    public long[] rowIds() {
        return rowIds.clone();
    }

    /** Returns n, the number of rows. */
    public int rows() {
        return rowIds.length;
    }

    /** Returns d, the feature dimension. */
    public long dimension() {
        return features.size(1);
    }

    /** Copies a list that may hold nulls, which {@code List.copyOf} rejects. */
    private static List<String> copyAllowingNulls(List<String> values) {
        return Collections.unmodifiableList(new ArrayList<>(values));
    }
}
