package org.lens4j.core.store.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lens4j.core.store.FeatureMatrix;
import org.lens4j.core.store.FeatureSelection;
import org.lens4j.core.store.FeatureStoreException;
import org.lens4j.core.store.StoredTensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stacks one vector per row into an {@code (n × d)} float32 matrix. A row's tensor counts as a
 * vector when every dimension but the last is 1, so {@code [d]}, {@code [1, d]} (how VLM-Lens
 * stores pooled features) and a 0-D scalar ({@code d = 1}) all qualify.
 */
final class MatrixBuilder {

    private final FeatureSelection selection;
    private final List<float[]> vectors = new ArrayList<>();
    private final List<Long> rowIds = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private final List<String> imageIds = new ArrayList<>();
    private final List<String> imagePaths = new ArrayList<>();
    private final List<String> prompts = new ArrayList<>();
    private int dimension = -1;

    MatrixBuilder(FeatureSelection selection) {
        this.selection = selection;
    }

    /**
     * Adds one row.
     *
     * @throws FeatureStoreException if the tensor is not a vector or its length differs from the
     *     first row's
     */
    void add(long rowId, StoredTensor tensor, String label, String imageId, String imagePath,
            String prompt) {
        long[] shape = tensor.shape();
        for (int i = 0; i + 1 < shape.length; i++) {
            if (shape[i] != 1) {
                throw new FeatureStoreException("Row " + rowId + " of layer '" + selection.layer()
                        + "' has shape " + Arrays.toString(shape) + ", which is not one vector;"
                        + " a feature matrix needs shape [d] or [1, d] per row, so store pooled"
                        + " features or read the row with readTensor");
            }
        }
        float[] vector = tensor.toFloatArray();
        if (dimension < 0) {
            dimension = vector.length;
        } else if (vector.length != dimension) {
            throw new FeatureStoreException("Row " + rowId + " of layer '" + selection.layer()
                    + "' has dimension " + vector.length + " but row " + rowIds.get(0)
                    + " has dimension " + dimension + "; one layer's rows must have equal sizes");
        }
        vectors.add(vector);
        rowIds.add(rowId);
        labels.add(label);
        imageIds.add(imageId);
        imagePaths.add(imagePath);
        prompts.add(prompt);
    }

    /** Copies the vectors into one float32 ND4J matrix and assembles the result. */
    FeatureMatrix build() {
        int rows = vectors.size();
        float[] flat = new float[Math.multiplyExact(rows, Math.max(dimension, 0))];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(vectors.get(i), 0, flat, i * dimension, dimension);
        }
        INDArray matrix = Nd4j.create(flat, new long[] {rows, Math.max(dimension, 0)}, 'c');
        long[] ids = rowIds.stream().mapToLong(Long::longValue).toArray();
        return new FeatureMatrix(selection, matrix, ids, labels, imageIds, imagePaths, prompts);
    }
}
