package org.lens4j.models.paligemma;

import java.nio.file.Path;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.module.ModuleTrees;
import org.lens4j.models.InputProcessor;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.ModelAdapter;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.paligemma.internal.PaliGemmaLayout;
import org.lens4j.models.paligemma.internal.PaliGemmaModel;
import org.lens4j.models.siglip.internal.AdapterSupport;

/**
 * The PaliGemma family ({@code PaliGemmaForConditionalGeneration}).
 *
 * <p>Canonical names are those of transformers 4.47–4.51 ({@code vision_tower.vision_model…},
 * {@code multi_modal_projector.linear}, {@code language_model.model.layers.N…},
 * {@code language_model.lm_head}). The ≥ 4.52 spellings ({@code model.vision_tower…},
 * {@code model.multi_modal_projector…}, {@code model.language_model…}, {@code lm_head}) are layout
 * aliases, and checkpoints saved in either layout load. The tied {@code lm_head} is taken from the
 * input embedding when the checkpoint omits it.
 *
 * <p>{@code forward} takes {@code input_ids} laid out as the PaliGemma processor does
 * ({@code <image>} × tokens per image for each image, {@code <bos>}, the prompt, {@code \n}), an
 * optional {@code attention_mask} and {@code pixel_values [images, 3, S, S]}, already normalised.
 * {@code language_model} reports the logits, the first element of its output.
 */
public final class PaliGemmaAdapter implements ModelAdapter {

    /** The family id. */
    public static final String ID = PaliGemmaModel.FAMILY;

    /** Creates the adapter; no I/O happens until a method is called. */
    public PaliGemmaAdapter() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean accepts(ModelConfig config) {
        return AdapterSupport.declares(config, "paligemma", "PaliGemmaForConditionalGeneration");
    }

    @Override
    public ModuleTree listModules(ModelConfig config) {
        return ModuleTrees.of(PaliGemmaLayout.list(PaliGemmaConfig.from(config)), PaliGemmaLayout.ALIASES);
    }

    @Override
    public HookedModel load(Path folder, LoadOptions options) {
        ModelConfig raw = ModelConfig.read(folder);
        PaliGemmaConfig config = PaliGemmaConfig.from(raw);
        ModuleTree modules = listModules(raw);
        String modelId = AdapterSupport.modelId(folder, options);
        return AdapterSupport.load(folder, options, PaliGemmaLayout.PARAMETER_ALIASES,
                parameters -> PaliGemmaModel.load(modelId, modules, parameters, config));
    }

    /** Opens {@link PaliGemmaProcessor} on the folder, which must contain {@code tokenizer.json}. */
    @Override
    public InputProcessor processor(Path folder) {
        return PaliGemmaProcessor.open(folder);
    }
}
