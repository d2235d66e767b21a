package org.lens4j.models.ayavision;

import java.nio.file.Path;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.module.ModuleTrees;
import org.lens4j.models.InputProcessor;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.ModelAdapter;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.ayavision.internal.AyaVisionLayout;
import org.lens4j.models.ayavision.internal.AyaVisionModel;
import org.lens4j.models.siglip.internal.AdapterSupport;

/**
 * Aya Vision ({@code AyaVisionForConditionalGeneration}, for example {@code CohereLabs/aya-vision-8b}):
 * a SigLIP vision tower, a pixel-shuffle SwiGLU projector and a Cohere2 decoder.
 *
 * <p>Canonical names are those of the layout before the transformers 4.52 refactor
 * ({@code vision_tower.vision_model…}, {@code multi_modal_projector…},
 * {@code language_model.model.layers.N…}, {@code language_model.lm_head}); the 4.52 spellings
 * ({@code model.vision_tower…}, {@code model.multi_modal_projector…}, {@code model.language_model…},
 * {@code lm_head}) are layout aliases, and checkpoints saved in either layout load.
 *
 * <p>{@code forward} takes {@code input_ids} in which every image token ({@code image_token_index})
 * stands for one projected feature ({@code (image_size / patch_size / downsample_factor)²} per
 * image or tile), an optional {@code attention_mask}, {@code pixel_values [images, 3, S, S]}
 * already normalised at the tower's {@code image_size}, and an optional {@code position_ids}.
 * {@code language_model.lm_head} reports the logits before {@code logit_scale}, and the root module
 * reports them after. The projector's modules keep the {@code [images, rows, columns, ·]} grid.
 *
 * <pre>{@code
 * try (LensModel model = Lens.open(folder)) {
 *     CaptureResult result = model.capture("language_model.model.layers.*").run(inputs);
 * }
 * }</pre>
 */
public final class AyaVisionAdapter implements ModelAdapter {

    /** The family id. */
    public static final String ID = AyaVisionModel.FAMILY;

    /** Creates the adapter; no I/O happens until a method is called. */
    public AyaVisionAdapter() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean accepts(ModelConfig config) {
        return AdapterSupport.declares(config, "aya_vision", "AyaVisionForConditionalGeneration");
    }

    @Override
    public ModuleTree listModules(ModelConfig config) {
        return ModuleTrees.of(AyaVisionLayout.list(AyaVisionConfig.from(config)).modules(), AyaVisionLayout.ALIASES);
    }

    @Override
    public HookedModel load(Path folder, LoadOptions options) {
        ModelConfig config = ModelConfig.read(folder);
        AyaVisionConfig aya = AyaVisionConfig.from(config);
        ModuleTree modules = listModules(config);
        String modelId = AdapterSupport.modelId(folder, options);
        return AdapterSupport.load(folder, options, AyaVisionLayout.WEIGHT_ALIASES,
                parameters -> AyaVisionModel.load(modelId, modules, parameters, aya));
    }

    /** Opens {@link AyaVisionProcessor#open(Path)}. */
    @Override
    public InputProcessor processor(Path folder) {
        return AyaVisionProcessor.open(folder);
    }
}
