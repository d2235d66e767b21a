package org.lens4j.core.store;

import java.util.Objects;

/**
 * A selection of rows for {@link FeatureStore#features(FeatureSelection)}: one layer and pooling,
 * optionally narrowed to one call index and one model. Immutable.
 *
 * <pre>{@code
 * FeatureSelection.of("visual.blocks.31.norm2", "mean").withCallIndex(0);
 * }</pre>
 *
 * @param layer the module name
 * @param pooling the pooling name, or null to select rows stored with a NULL pooling
 * @param callIndex the call index, or null for "the only one present"
 * @param modelId the model id ({@code name} column), or null for "the only one present"
 */
public record FeatureSelection(String layer, String pooling, Integer callIndex, String modelId) {

    /** Checks the selection. */
    public FeatureSelection {
        Objects.requireNonNull(layer, "layer");
        if (callIndex != null && callIndex < 0) {
            throw new IllegalArgumentException("Selection call index is " + callIndex
                    + "; it must be 0 or more");
        }
    }

    /** Selects one layer and pooling, any single call index and model. */
    public static FeatureSelection of(String layer, String pooling) {
        return new FeatureSelection(layer, pooling, null, null);
    }

    /** Selects one (layer, pooling) pair as listed by {@link FeatureStore#layers()}. */
    public static FeatureSelection of(LayerPooling pair) {
        return new FeatureSelection(pair.layer(), pair.pooling(), null, null);
    }

    /** Returns a copy restricted to one call index. */
    public FeatureSelection withCallIndex(int index) {
        return new FeatureSelection(layer, pooling, index, modelId);
    }

    /** Returns a copy restricted to one model id. */
    public FeatureSelection withModelId(String model) {
        return new FeatureSelection(layer, pooling, callIndex, model);
    }
}
