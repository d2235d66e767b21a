package org.lens4j.core.store;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One row to store: its key, its label and the feature tensor. Model-level columns (model id,
 * architecture, revision, run id) come from the writer's {@link RunInfo}.
 *
 * <pre>{@code
 * FeatureKey key = FeatureKey.of("img-17", "fabric/img-17.png", "Describe the fabric.",
 *         "model.layers.14.post_attention_layernorm", "mean");
 * writer.add(FeatureRow.of(key, "defect", pooledValues, 1, 1536));
 * }</pre>
 *
 * @param key the input, module, pooling and call index
 * @param label the class label as text, or null when unlabelled
 * @param tensor the feature, which {@link StoredTensor} copies from its input, so a caller may
 *     reuse buffers
 */
public record FeatureRow(FeatureKey key, String label, StoredTensor tensor) {

    /** Checks that the key and tensor are present. */
    public FeatureRow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(tensor, "tensor");
    }

    /** Creates a row with a float32 tensor; {@code values} is copied. */
    public static FeatureRow of(FeatureKey key, String label, float[] values, long... shape) {
        return new FeatureRow(key, label, StoredTensor.ofFloats(values, shape));
    }

    /** Creates a row from an ND4J array, copied as {@link StoredTensor#of(INDArray)} describes. */
    public static FeatureRow of(FeatureKey key, String label, INDArray array) {
        return new FeatureRow(key, label, StoredTensor.of(array));
    }
}
