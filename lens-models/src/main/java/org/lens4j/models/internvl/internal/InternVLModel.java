package org.lens4j.models.internvl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.internvl.InternVLConfig;
import org.lens4j.models.llama.LlamaForCausalLM;

/**
 * {@code InternVLForConditionalGeneration} (transformers-native layout): each tile of
 * {@code pixel_values [n, C, S, S]} gives {@code T} image tokens, which replace the
 * {@code image_token_id} positions in order.
 */
public final class InternVLModel extends InternVLFamilyModel {

    /** The family id. */
    public static final String FAMILY = "internvl";

    private final InternVLConfig config;
    private final InternVLVisionModel visionTower;
    private final ShuffleProjector projector;

    private InternVLModel(String modelId, ModuleTree modules, NDManager manager, WeightLoader weights,
            InternVLConfig config) {
        super(FAMILY, modelId, modules, manager,
                LlamaForCausalLM.load(weights, InternVLLayout.LANGUAGE_MODEL, config.text()),
                config.imageTokenId(), config.shuffleFactor(), false);
        this.config = config;
        this.visionTower = InternVLVisionModel.load(weights, InternVLLayout.VISION_TOWER, config.vision(),
                config.useMeanPooling());
        int factor = config.shuffleFactor();
        this.projector = ShuffleProjector.load(weights, InternVLLayout.projectorNames(config),
                (long) config.vision().hiddenSize() * factor * factor, config.text().hiddenSize(),
                config.projectorActivation());
    }

    /** Builds the model, taking ownership of {@code manager} (the loader's) even when loading fails. */
    public static InternVLModel load(String modelId, ModuleTree modules, NDManager manager, WeightLoader weights,
            InternVLConfig config) {
        try {
            return new InternVLModel(modelId, modules, manager, weights, config);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    NDArray encodeTiles(ModelInputs inputs, NDManager scope, ForwardHooks hooks) {
        NDArray pixels = inputs.require(ModelInputs.PIXEL_VALUES);
        NDArray hidden = visionTower.forward(pixels, config.visionFeatureLayer(), scope, hooks); // [n, P + 1, V]
        NDArray projected = projector.forward(shuffledPatches(hidden), hooks); // [n, T, D]
        Shape shape = projected.getShape();
        return projected.reshape(shape.get(0) * shape.get(1), shape.get(2)); // [n·T, D]
    }
}
