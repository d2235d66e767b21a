package org.lens4j.probe.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lens4j.core.store.FeatureMatrix;
import org.lens4j.core.store.FeatureSelection;
import org.lens4j.core.store.FeatureStore;
import org.lens4j.core.store.LayerPooling;
import org.lens4j.probe.FeatureSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link FeatureSource} that reads one layer at a time from a {@link FeatureStore}.
 *
 * <p>Every layer's rows are put in one canonical order, by image id (or image path when the id is
 * missing) and then prompt, so that layers written in different orders, or by a resumed run,
 * still line up. The group of a row is its image id (or path) unless {@link #withGroups} maps
 * images to larger groups, so one image (or group) never lands in both train and test. The item id is the image and the prompt. Pooling names that the store keeps as NULL
 * appear as {@code "none"}.
 *
 * <pre>{@code
 * try (FeatureStore store = FeatureStore.openReadOnly(Path.of("fabric.db"))) {
 *     SweepResult result = LayerSweep.withDefaults().run(StoreFeatureSource.of(store));
 * }
 * }</pre>
 *
 * <p>The source does not own the store: the caller closes it after the sweep.
 */
public final class StoreFeatureSource implements FeatureSource {

    /** Pooling name shown for rows stored without one. */
    public static final String NO_POOLING = "none";

    private final FeatureStore store;
    private final Map<LayerKey, LayerPooling> pairs;
    private final String modelId;
    private final Map<String, String> typeKeys;
    private final Map<String, String> groups;

    private StoreFeatureSource(FeatureStore store, Map<LayerKey, LayerPooling> pairs,
            String modelId, Map<String, String> typeKeys, Map<String, String> groups) {
        this.store = store;
        this.pairs = pairs;
        this.modelId = modelId;
        this.typeKeys = typeKeys;
        this.groups = groups;
    }

    /** Returns a source over every (layer, pooling) pair of {@code store}, in store order. */
    public static StoreFeatureSource of(FeatureStore store) {
        Objects.requireNonNull(store, "store");
        Map<LayerKey, LayerPooling> pairs = new LinkedHashMap<>();
        for (LayerPooling pair : store.layers()) {
            String pooling = pair.pooling() == null ? NO_POOLING : pair.pooling();
            pairs.put(new LayerKey(pair.layer(), pooling), pair);
        }
        return new StoreFeatureSource(store, pairs, null, null, null);
    }

    /**
     * Returns a copy limited to {@code layers}, in that order.
     *
     * @throws IllegalArgumentException if a layer is not in the store
     */
    public StoreFeatureSource withLayers(List<LayerKey> layers) {
        Map<LayerKey, LayerPooling> chosen = new LinkedHashMap<>();
        for (LayerKey layer : layers) {
            LayerPooling pair = pairs.get(layer);
            if (pair == null) {
                throw new IllegalArgumentException("layer " + layer + " is not in the store "
                        + store.path() + "; it has " + pairs.keySet());
            }
            chosen.put(layer, pair);
        }
        return new StoreFeatureSource(store, chosen, modelId, typeKeys, groups);
    }

    /** Returns a copy that reads only rows of {@code modelId}, for a store holding several models. */
    public StoreFeatureSource withModelId(String modelId) {
        return new StoreFeatureSource(store, pairs, Objects.requireNonNull(modelId, "modelId"),
                typeKeys, groups);
    }

    /**
     * Returns a copy that attaches a type key to every row, looked up by the row's image id (or
     * path), so that the sweep runs the Hewitt &amp; Liang control task.
     */
    public StoreFeatureSource withTypeKeys(Map<String, String> typeKeyOfImage) {
        return new StoreFeatureSource(store, pairs, modelId,
                Map.copyOf(Objects.requireNonNull(typeKeyOfImage, "typeKeyOfImage")), groups);
    }

    /**
     * Returns a copy that puts images in the given groups, looked up by image id (or path), so
     * that images which belong together (the two images of a pair) stay on one side of a split.
     * Without it every image is its own group.
     */
    public StoreFeatureSource withGroups(Map<String, String> groupOfImage) {
        return new StoreFeatureSource(store, pairs, modelId, typeKeys,
                Map.copyOf(Objects.requireNonNull(groupOfImage, "groupOfImage")));
    }

    @Override
    public List<LayerKey> layers() {
        return List.copyOf(pairs.keySet());
    }

    /**
     * Reads the features of {@code layer} in canonical row order.
     *
     * @throws IllegalArgumentException if the layer is not in the source, a row has no label or
     *     no image, or a group has no type key when type keys are set
     */
    @Override
    public FeatureSet load(LayerKey layer) {
        LayerPooling pair = pairs.get(Objects.requireNonNull(layer, "layer"));
        if (pair == null) {
            throw new IllegalArgumentException("layer " + layer + " is not in this source; it has "
                    + pairs.keySet());
        }
        FeatureSelection selection = FeatureSelection.of(pair);
        if (modelId != null) {
            selection = selection.withModelId(modelId);
        }
        FeatureMatrix matrix = store.features(selection);
        try {
            return toFeatureSet(layer, matrix);
        } finally {
            matrix.features().close();
        }
    }

    private FeatureSet toFeatureSet(LayerKey layer, FeatureMatrix matrix) {
        int n = matrix.rows();
        List<String> images = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String image = matrix.imageIds().get(i) != null ? matrix.imageIds().get(i)
                    : matrix.imagePaths().get(i);
            if (image == null) {
                throw new IllegalArgumentException("row " + matrix.rowIds()[i] + " of " + layer
                        + " has neither an image id nor an image path, so it has no group");
            }
            if (matrix.labels().get(i) == null) {
                throw new IllegalArgumentException("row " + matrix.rowIds()[i] + " of " + layer
                        + " (image " + image + ") has no label; probing needs a label per row");
            }
            images.add(image);
        }
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer, String>comparing(images::get)
                .thenComparing(i -> matrix.prompts().get(i)));

        INDArray features = matrix.features();
        int d = (int) matrix.dimension();
        float[] flat = features.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[][] rows = new float[n][];
        List<String> labels = new ArrayList<>(n);
        List<String> orderedGroups = new ArrayList<>(n);
        List<String> itemIds = new ArrayList<>(n);
        List<String> types = typeKeys == null ? null : new ArrayList<>(n);
        for (int position = 0; position < n; position++) {
            int i = order.get(position);
            rows[position] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
            labels.add(matrix.labels().get(i));
            orderedGroups.add(groupOf(images.get(i), layer));
            String prompt = matrix.prompts().get(i);
            itemIds.add(prompt.isEmpty() ? images.get(i) : images.get(i) + " | " + prompt);
            if (types != null) {
                types.add(typeKey(images.get(i), layer));
            }
        }
        FeatureSet.Builder builder = FeatureSet.builder().setFeatures(rows).setLabels(labels)
                .optGroups(orderedGroups).optItemIds(itemIds).optName(layer.toString());
        if (types != null) {
            builder.optTypeKeys(types);
        }
        return builder.build();
    }

    private String typeKey(String image, LayerKey layer) {
        String key = typeKeys.get(image);
        if (key == null) {
            throw new IllegalArgumentException("image " + image + " of " + layer + " has no type"
                    + " key; give one for every image in withTypeKeys");
        }
        return key;
    }

    private String groupOf(String image, LayerKey layer) {
        if (groups == null) {
            return image;
        }
        String group = groups.get(image);
        if (group == null) {
            throw new IllegalArgumentException("image " + image + " of " + layer + " has no group;"
                    + " give one for every image in withGroups");
        }
        return group;
    }
}
