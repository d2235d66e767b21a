package org.lens4j.examples.study;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lens4j.core.store.FeatureStore;
import org.lens4j.probe.sweep.LayerKey;
import org.lens4j.probe.sweep.StoreFeatureSource;

/** Connects a labelled image set to the features stored for it. */
public final class StudyFeatures {

    private StudyFeatures() {
    }

    /**
     * Returns a source over {@code layers} of {@code store} whose rows carry the groups of
     * {@code images} (pairs stay on one side of a split) and, when every image has one, their
     * control-task keys.
     *
     * @param modelId the model whose rows to read, or null when the store contains one model
     */
    public static StoreFeatureSource source(FeatureStore store, List<LayerKey> layers, String modelId,
            List<LabelledImage> images) {
        Map<String, String> groups = new HashMap<>();
        Map<String, String> typeKeys = new HashMap<>();
        for (LabelledImage image : images) {
            groups.put(image.imageId(), image.group());
            if (image.typeKey() != null) {
                typeKeys.put(image.imageId(), image.typeKey());
            }
        }
        StoreFeatureSource source = StoreFeatureSource.of(store).withLayers(layers).withGroups(groups);
        if (modelId != null) {
            source = source.withModelId(modelId);
        }
        return typeKeys.size() == images.size() ? source.withTypeKeys(typeKeys) : source;
    }
}
