package org.lens4j.probe.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lens4j.probe.FeatureSet;

/**
 * The features a sweep reads: one {@link FeatureSet} per (module, pooling) pair, all describing
 * the same items in the same row order. A feature store implements this to let a sweep
 * load one layer at a time; {@link #of(Map)} wraps feature sets already in memory.
 */
public interface FeatureSource {

    /** Returns the layers to sweep, in the order the caller wants them reported on ties. */
    List<LayerKey> layers();

    /**
     * Loads the features of {@code layer}.
     *
     * @throws IllegalArgumentException if {@code layer} is not one of {@link #layers()}
     */
    FeatureSet load(LayerKey layer);

    /**
     * Returns a source over feature sets in memory, in the map's iteration order (use a
     * {@link LinkedHashMap} to fix it).
     *
     * @throws IllegalArgumentException if the map is empty
     */
    static FeatureSource of(Map<LayerKey, FeatureSet> featureSets) {
        Objects.requireNonNull(featureSets, "featureSets");
        if (featureSets.isEmpty()) {
            throw new IllegalArgumentException("featureSets is empty; a sweep needs at least one layer");
        }
        Map<LayerKey, FeatureSet> copy = new LinkedHashMap<>(featureSets);
        List<LayerKey> layers = List.copyOf(new ArrayList<>(copy.keySet()));
        return new FeatureSource() {
            @Override
            public List<LayerKey> layers() {
                return layers;
            }

            @Override
            public FeatureSet load(LayerKey layer) {
                FeatureSet features = copy.get(layer);
                if (features == null) {
                    throw new IllegalArgumentException("layer " + layer + " is not in this source;"
                            + " it has " + layers);
                }
                return features;
            }
        };
    }
}
