package org.lens4j.probe.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.core.store.FeatureKey;
import org.lens4j.core.store.FeatureRow;
import org.lens4j.core.store.FeatureStore;
import org.lens4j.core.store.FeatureWriter;
import org.lens4j.core.store.RunInfo;
import org.lens4j.probe.FeatureSet;

class StoreFeatureSourceTest {

    private static final long SEED_DATA = 99L;

    private static final String PROMPT = "Is the fabric defective?";

    @TempDir
    Path folder;

    /**
     * Writes the synthetic layers into a store, the second layer in reverse row order, so that
     * the source has to line the rows up again.
     */
    private FeatureStore storeOf(Map<LayerKey, FeatureSet> layers) {
        FeatureStore store = FeatureStore.open(folder.resolve("features.db"));
        try (FeatureWriter writer = store.writer(RunInfo.of("synthetic/model", "Synthetic"))) {
            int layerIndex = 0;
            for (Map.Entry<LayerKey, FeatureSet> entry : layers.entrySet()) {
                FeatureSet data = entry.getValue();
                List<Integer> rows = new ArrayList<>();
                for (int i = 0; i < data.size(); i++) {
                    rows.add(layerIndex % 2 == 0 ? i : data.size() - 1 - i);
                }
                for (int i : rows) {
                    String image = data.groups().get(i);
                    String prompt = PROMPT + " #" + (i % 2);
                    FeatureKey key = FeatureKey.of(image, null, prompt, entry.getKey().module(),
                            entry.getKey().pooling());
                    writer.add(FeatureRow.of(key, data.labels().get(i), data.row(i),
                            data.dimension()));
                }
                layerIndex++;
            }
        }
        return store;
    }

    @Test
    void layersLineUpAcrossWriteOrders() {
        Map<LayerKey, FeatureSet> layers = SyntheticLayers.of(2, 0, 20, 6, 2.0, SEED_DATA, false);

        try (FeatureStore store = storeOf(layers)) {
            StoreFeatureSource source = StoreFeatureSource.of(store);
            FeatureSet first = source.load(source.layers().get(0));
            FeatureSet second = source.load(source.layers().get(1));

            assertEquals(List.copyOf(layers.keySet()), source.layers());
            assertTrue(first.hasSameItems(second), first + " vs " + second);
            assertEquals(40, first.size());
            assertEquals("image-0", first.groups().get(0));
        }
    }

    @Test
    void sweepOverStoreRecommendsInformativeLayer() {
        Map<LayerKey, FeatureSet> layers = SyntheticLayers.of(3, 1, 60, 80, 2.5, SEED_DATA, false);
        LayerKey informative = new ArrayList<>(layers.keySet()).get(1);

        try (FeatureStore store = storeOf(layers)) {
            SweepResult result = LayerSweep.withDefaults().withPermutations(99).withFolds(3)
                    .withIntervals(300, 0.95).run(StoreFeatureSource.of(store));

            assertEquals(informative, result.recommended());
        }
    }

    @Test
    void typeKeysEnableControlTask() {
        Map<LayerKey, FeatureSet> layers = SyntheticLayers.of(1, 0, 30, 6, 2.0, SEED_DATA, false);
        Map<String, String> types = new HashMap<>();
        for (int g = 0; g < 30; g++) {
            types.put("image-" + g, "texture-" + (g % 5));
        }

        try (FeatureStore store = storeOf(layers)) {
            StoreFeatureSource source = StoreFeatureSource.of(store).withTypeKeys(types);
            FeatureSet data = source.load(source.layers().get(0));

            assertEquals("texture-0", data.typeKeys().orElseThrow().get(0));
        }
    }

    @Test
    void groupsMapImagesToPairs() {
        Map<LayerKey, FeatureSet> layers = SyntheticLayers.of(1, 0, 10, 4, 2.0, SEED_DATA, false);
        Map<String, String> pairs = new HashMap<>();
        for (int g = 0; g < 10; g++) {
            pairs.put("image-" + g, "pair-" + g / 2);
        }

        try (FeatureStore store = storeOf(layers)) {
            StoreFeatureSource source = StoreFeatureSource.of(store).withGroups(pairs);
            FeatureSet data = source.load(source.layers().get(0));

            assertEquals(5, data.groups().stream().distinct().count());
            assertEquals("pair-0", data.groups().get(0));
        }
    }

    @Test
    void imageWithoutGroupIsRejected() {
        Map<LayerKey, FeatureSet> layers = SyntheticLayers.of(1, 0, 10, 4, 2.0, SEED_DATA, false);

        try (FeatureStore store = storeOf(layers)) {
            StoreFeatureSource source = StoreFeatureSource.of(store).withGroups(Map.of("image-0", "pair-0"));
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> source.load(source.layers().get(0)));

            assertTrue(error.getMessage().contains("has no group"), error.getMessage());
        }
    }

    @Test
    void unknownLayerIsRejected() {
        Map<LayerKey, FeatureSet> layers = SyntheticLayers.of(1, 0, 10, 4, 2.0, SEED_DATA, false);

        try (FeatureStore store = storeOf(layers)) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> StoreFeatureSource.of(store)
                            .withLayers(List.of(new LayerKey("visual.blocks.0.norm1", "mean"))));

            assertTrue(error.getMessage().contains("visual.blocks.0.norm1"), error.getMessage());
        }
    }
}
