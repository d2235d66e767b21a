package org.lens4j.examples.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lens4j.core.store.FeatureMatrix;
import org.lens4j.core.store.FeatureSelection;
import org.lens4j.core.store.FeatureStore;
import org.lens4j.core.store.LayerPooling;
import org.lens4j.probe.FeatureSet;
import org.lens4j.probe.sweep.FeatureSource;
import org.lens4j.probe.sweep.LayerKey;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads a sweep's layers from a feature store, joining each row with its image's group and
 * control-task key, and putting every layer's rows in the same image order.
 */
public final class StudyFeatureSource implements FeatureSource {

    private final FeatureStore store;
    private final List<LayerKey> layers;
    private final String modelId;
    private final Map<String, LabelledImage> imagesById = new HashMap<>();
    private final List<String> order = new ArrayList<>();

    /**
     * Creates a source.
     *
     * @param store an open store
     * @param layers the (module, pooling) pairs to read
     * @param modelId the model whose rows to read, or null when the store contains one model
     * @param images the images to read, in the row order every layer will use
     */
    public StudyFeatureSource(FeatureStore store, List<LayerKey> layers, String modelId, List<LabelledImage> images) {
        this.store = store;
        this.layers = List.copyOf(layers);
        this.modelId = modelId;
        for (LabelledImage image : images) {
            imagesById.put(image.imageId(), image);
            order.add(image.imageId());
        }
    }

    /**
     * Creates a source over every image stored for the first layer, labelled as the store labels
     * them; each image is its own group and there are no control-task keys.
     *
     * @throws IllegalArgumentException when {@code layers} is empty
     */
    public static StudyFeatureSource fromStore(FeatureStore store, List<LayerKey> layers, String modelId) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("at least one layer is required; the store has " + store.layers());
        }
        LayerKey first = layers.get(0);
        FeatureSelection selection = FeatureSelection.of(new LayerPooling(first.module(), first.pooling()));
        FeatureMatrix matrix = store.features(modelId == null ? selection : selection.withModelId(modelId));
        List<LabelledImage> images = new ArrayList<>();
        for (int row = 0; row < matrix.rows(); row++) {
            String path = matrix.imagePaths().get(row);
            images.add(new LabelledImage(idOf(matrix, row), Path.of(path == null ? idOf(matrix, row) : path),
                    matrix.labels().get(row), null, null, null));
        }
        return new StudyFeatureSource(store, layers, modelId, images);
    }

    @Override
    public List<LayerKey> layers() {
        return layers;
    }

    @Override
    public FeatureSet load(LayerKey layer) {
        if (!layers.contains(layer)) {
            throw new IllegalArgumentException("layer " + layer + " is not in this source; it has " + layers);
        }
        FeatureSelection selection = FeatureSelection.of(new LayerPooling(layer.module(), layer.pooling()));
        if (modelId != null) {
            selection = selection.withModelId(modelId);
        }
        FeatureMatrix matrix = store.features(selection);
        Map<String, Integer> rowOf = new HashMap<>();
        for (int row = 0; row < matrix.rows(); row++) {
            rowOf.put(idOf(matrix, row), row);
        }
        int[] rows = new int[order.size()];
        List<String> labels = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<String> typeKeys = new ArrayList<>();
        boolean allTyped = true;
        for (int i = 0; i < order.size(); i++) {
            Integer row = rowOf.get(order.get(i));
            if (row == null) {
                throw new IllegalStateException("the store has no row of image " + order.get(i) + " for layer "
                        + layer + "; run the extraction again to complete it");
            }
            rows[i] = row;
            LabelledImage image = imagesById.get(order.get(i));
            labels.add(image.label());
            groups.add(image.group());
            typeKeys.add(image.typeKey());
            allTyped &= image.typeKey() != null;
        }
        INDArray features = Nd4j.pullRows(matrix.features(), 1, rows);
        FeatureSet.Builder builder = FeatureSet.builder().setFeatures(features).setLabels(labels).optGroups(groups)
                .optItemIds(List.copyOf(order)).optName(layer.toString());
        if (allTyped) {
            builder.optTypeKeys(typeKeys);
        }
        return builder.build();
    }

    // Rows written without an image id are identified by their path.
    private static String idOf(FeatureMatrix matrix, int row) {
        String id = matrix.imageIds().get(row);
        return id != null ? id : matrix.imagePaths().get(row);
    }
}
