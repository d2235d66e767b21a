package org.lens4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.lens4j.core.store.FeatureStore;
import org.lens4j.examples.study.LabelledImages;
import org.lens4j.examples.study.StudyFeatures;
import org.lens4j.probe.sweep.StoreFeatureSource;
import org.lens4j.probe.sweep.LayerKey;

/** Builds the feature source of {@code lens sweep} and {@code lens probe}. */
final class StoreSources {

    private StoreSources() {
    }

    /**
     * Returns a source over {@code layers}: grouped as the dataset groups its images when
     * {@code dataset} is given, or with each image as its own group (after a printed note) when not.
     */
    static StoreFeatureSource open(FeatureStore store, List<LayerKey> layers, Path dataset, PrintWriter err)
            throws IOException {
        if (dataset != null) {
            return StudyFeatures.source(store, layers, null, LabelledImages.read(dataset));
        }
        err.println("lens: note: no --dataset given, so each image is its own group; images that belong"
                + " together (such as the pairs of the fabric study) may fall on both sides of the split");
        err.flush();
        return StoreFeatureSource.of(store).withLayers(layers);
    }
}
