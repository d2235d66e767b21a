package org.lens4j.models.llava.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.llava.LlavaConfig;

/**
 * {@code LlavaForConditionalGeneration}: each image of {@code pixel_values [n, C, S, S]} gives
 * {@code T} features (patches, plus the class token under the {@code full} strategy).
 */
public final class LlavaModel extends LlavaFamilyModel {

    /** The family id. */
    public static final String FAMILY = "llava";

    private LlavaModel(String modelId, ModuleTree modules, NDManager manager, WeightLoader weights,
            LlavaConfig config) {
        super(FAMILY, modelId, modules, manager, weights, config);
    }

    /** Builds the model, taking ownership of {@code manager} (the loader's) even when loading fails. */
    public static LlavaModel load(String modelId, ModuleTree modules, NDManager manager, WeightLoader weights,
            LlavaConfig config) {
        try {
            return new LlavaModel(modelId, modules, manager, weights, config);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    protected ImageFeatures encodeImages(ModelInputs inputs, NDManager scope, ForwardHooks hooks) {
        NDArray pixels = inputs.require(ModelInputs.PIXEL_VALUES);
        Shape shape = pixels.getShape();
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("pixel_values has shape " + Arrays.toString(shape.getShape())
                    + " but LLaVA expects [images, channels, height, width]");
        }
        NDArray features = towerFeatures(pixels, scope, hooks); // [n, T, D]
        Shape featureShape = features.getShape();
        int images = Math.toIntExact(featureShape.get(0));
        int perImage = Math.toIntExact(featureShape.get(1));
        int[] counts = new int[images];
        Arrays.fill(counts, perImage);
        return new ImageFeatures(features.reshape(images * (long) perImage, featureShape.get(2)), counts);
    }
}
