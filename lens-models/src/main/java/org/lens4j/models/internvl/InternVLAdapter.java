package org.lens4j.models.internvl;

import java.nio.file.Path;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.checkpoint.Checkpoint;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.module.ModuleTrees;
import org.lens4j.models.InputProcessor;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.ModelAdapter;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.internvl.internal.InternVLLayout;
import org.lens4j.models.internvl.internal.InternVLModel;
import org.lens4j.models.vit.internal.AdapterSupport;
import org.lens4j.models.vit.internal.ModelLoading;

/**
 * InternVL in the transformers-native layout ({@code InternVLForConditionalGeneration}, for
 * example {@code OpenGVLab/InternVL3-1B-hf}): an InternViT tower with layer scale, pixel shuffle,
 * a LayerNorm-MLP projector and a Qwen2 (or Llama) decoder.
 *
 * <p>Canonical names are those of the layout before the transformers 4.52 refactor
 * ({@code vision_tower…}, {@code multi_modal_projector…}, {@code language_model.model.layers.N…},
 * {@code language_model.lm_head}); the 4.52 spellings ({@code model.vision_tower…},
 * {@code model.multi_modal_projector…}, {@code model.language_model…}, {@code lm_head}) are layout
 * aliases, and checkpoints saved in either layout load.
 *
 * <p>{@code forward} takes {@code input_ids} in which every image token ({@code image_token_id})
 * stands for one projected feature (each tile gives {@code (S / patch · downsample_ratio)²}), an
 * optional {@code attention_mask}, {@code pixel_values [tiles, 3, S, S]} already normalised, and an
 * optional {@code position_ids}. Vision modules report one row per tile.
 *
 * <pre>{@code
 * try (LensModel model = Lens.open(folder)) {
 *     CaptureResult result = model.capture("language_model.model.layers.*.post_attention_layernorm").run(inputs);
 * }
 * }</pre>
 */
public final class InternVLAdapter implements ModelAdapter {

    /** The family id. */
    public static final String ID = InternVLModel.FAMILY;

    /** Creates the adapter; no I/O happens until a method is called. */
    public InternVLAdapter() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean accepts(ModelConfig config) {
        return AdapterSupport.declares(config, "internvl", "InternVLForConditionalGeneration");
    }

    @Override
    public ModuleTree listModules(ModelConfig config) {
        return ModuleTrees.of(InternVLLayout.list(InternVLConfig.from(config)).modules(), InternVLLayout.ALIASES);
    }

    @Override
    public HookedModel load(Path folder, LoadOptions options) {
        ModelConfig config = ModelConfig.read(folder);
        String modelId = ModelLoading.modelId(folder, options);
        if (options.randomWeightsSeed() != null) {
            return load(config, null, options, modelId);
        }
        try (Checkpoint checkpoint = AdapterSupport.openCheckpoint(folder)) {
            return load(config, checkpoint, options, modelId);
        }
    }

    /**
     * Loads a model from an open checkpoint; the weights are copied, so the checkpoint may be closed
     * afterwards.
     *
     * @param checkpoint the weights, or {@code null} when {@code options} ask for random weights
     * @param modelId the description {@link HookedModel#modelId()} returns
     * @throws IllegalArgumentException when the checkpoint does not match the configuration
     */
    public HookedModel load(ModelConfig config, Checkpoint checkpoint, LoadOptions options, String modelId) {
        InternVLConfig internvl = InternVLConfig.from(config);
        ModuleTree modules = listModules(config);
        return ModelLoading.build(checkpoint, options, InternVLLayout.WEIGHT_ALIASES,
                loaded -> InternVLModel.load(modelId, modules, loaded.manager(), loaded.weights(), internvl));
    }

    /** Opens {@link InternVLProcessor#open(Path)}. */
    @Override
    public InputProcessor processor(Path folder) {
        return InternVLProcessor.open(folder);
    }
}
