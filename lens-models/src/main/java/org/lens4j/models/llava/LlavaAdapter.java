package org.lens4j.models.llava;

import java.nio.file.Path;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.checkpoint.Checkpoint;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.module.ModuleTrees;
import org.lens4j.models.InputProcessor;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.ModelAdapter;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.llava.internal.LlavaLayout;
import org.lens4j.models.llava.internal.LlavaModel;
import org.lens4j.models.vit.internal.AdapterSupport;
import org.lens4j.models.vit.internal.ModelLoading;

/**
 * The LLaVA-1.5 family ({@code LlavaForConditionalGeneration}, for example
 * {@code llava-hf/llava-1.5-7b-hf}): a CLIP vision tower, a two-layer projector and a Llama or
 * Mistral decoder.
 *
 * <p>Canonical names are those of transformers 4.47–4.51 ({@code vision_tower.vision_model…},
 * {@code multi_modal_projector…}, {@code language_model.model.layers.N…},
 * {@code language_model.lm_head}); the ≥ 4.52 spellings ({@code model.vision_tower…},
 * {@code model.multi_modal_projector…}, {@code model.language_model…}, {@code lm_head}) are layout
 * aliases, and checkpoints saved in either layout load.
 *
 * <p>{@code forward} takes {@code input_ids} with every {@code <image>} already expanded to the
 * image's feature count (576 for a 336 px, 14 px patch tower), an optional {@code attention_mask},
 * {@code pixel_values [images, 3, S, S]} and an optional {@code position_ids}. The whole vision
 * tower runs, although the features come from {@code vision_feature_layer}.
 */
public final class LlavaAdapter implements ModelAdapter {

    /** The family id. */
    public static final String ID = LlavaModel.FAMILY;

    /** Creates the adapter; no I/O happens until a method is called. */
    public LlavaAdapter() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean accepts(ModelConfig config) {
        // A Pixtral vision tower inside the LLaVA wrapper belongs to the Pixtral adapter.
        boolean pixtralTower = "pixtral".equals(config.section("vision_config").getString("model_type", ""));
        return !pixtralTower && AdapterSupport.declares(config, "llava", "LlavaForConditionalGeneration");
    }

    @Override
    public ModuleTree listModules(ModelConfig config) {
        LlavaConfig llava = LlavaConfig.from(config);
        return ModuleTrees.of(LlavaLayout.list(llava, "LlavaForConditionalGeneration", "LlavaMultiModalProjector")
                .modules(), LlavaLayout.ALIASES);
    }

    @Override
    public HookedModel load(Path folder, LoadOptions options) {
        return ModelLoading.loadFolder(folder, options, this::load);
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
        LlavaConfig llava = LlavaConfig.from(config);
        ModuleTree modules = listModules(config);
        return ModelLoading.build(checkpoint, options, LlavaLayout.WEIGHT_ALIASES,
                loaded -> LlavaModel.load(modelId, modules, loaded.manager(), loaded.weights(), llava));
    }

    /** Opens a {@link LlavaProcessor} with the LLaVA-1.5 template on the files in {@code folder}. */
    @Override
    public InputProcessor processor(Path folder) {
        return LlavaProcessor.open(folder);
    }
}
