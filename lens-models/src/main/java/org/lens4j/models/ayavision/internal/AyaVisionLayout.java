package org.lens4j.models.ayavision.internal;

import java.util.List;
import org.lens4j.core.module.LayoutAlias;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.ayavision.AyaVisionConfig;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.siglip.SiglipVisionTransformer;

/**
 * The module layout of {@code AyaVisionForConditionalGeneration} before the transformers 4.52
 * refactor ({@code vision_tower.vision_model…}, {@code multi_modal_projector…},
 * {@code language_model.model…}, {@code language_model.lm_head}) and its aliases in the later
 * layout, where the three parts moved under {@code model.} and the head became {@code lm_head}.
 */
public final class AyaVisionLayout {

    /** Name of the newer layout, as shown in messages. */
    public static final String NEW_LAYOUT = "transformers>=4.52";

    /** The vision tower wrapper ({@code SiglipVisionModel}). */
    public static final String VISION_TOWER = "vision_tower";
    /** The SigLIP transformer inside the wrapper. */
    public static final String VISION_MODEL = VISION_TOWER + ".vision_model";
    /** The projector. */
    public static final String PROJECTOR = "multi_modal_projector";
    /** The causal language model. */
    public static final String LANGUAGE_MODEL = "language_model";

    /** Module and parameter aliases of the newer layout. */
    public static final List<LayoutAlias> ALIASES = List.of(
            new LayoutAlias(NEW_LAYOUT, "model.vision_tower.", "vision_tower."),
            new LayoutAlias(NEW_LAYOUT, "model.vision_tower", "vision_tower"),
            new LayoutAlias(NEW_LAYOUT, "model.multi_modal_projector.", "multi_modal_projector."),
            new LayoutAlias(NEW_LAYOUT, "model.multi_modal_projector", "multi_modal_projector"),
            new LayoutAlias(NEW_LAYOUT, "model.language_model.", "language_model.model."),
            new LayoutAlias(NEW_LAYOUT, "model.language_model", "language_model.model"),
            new LayoutAlias(NEW_LAYOUT, "lm_head", "language_model.lm_head"));

    /** Parameter aliases of the newer layout. */
    public static final List<LayoutAlias> WEIGHT_ALIASES = List.of(
            new LayoutAlias(NEW_LAYOUT, "model.vision_tower.", "vision_tower."),
            new LayoutAlias(NEW_LAYOUT, "model.multi_modal_projector.", "multi_modal_projector."),
            new LayoutAlias(NEW_LAYOUT, "model.language_model.", "language_model.model."),
            new LayoutAlias(NEW_LAYOUT, "lm_head.", "language_model.lm_head."));

    private AyaVisionLayout() {
    }

    /** Lists every module in {@code named_modules()} order. */
    public static ModuleListing list(AyaVisionConfig config) {
        ModuleListing out = new ModuleListing();
        out.add("", "AyaVisionForConditionalGeneration", ModuleKind.SEQUENCE);
        out.add(VISION_TOWER, "SiglipVisionModel", ModuleKind.VISION);
        SiglipVisionTransformer.list(out, VISION_MODEL, config.vision());
        AyaVisionProjector.list(out, PROJECTOR);
        Cohere2ForCausalLM.list(out, LANGUAGE_MODEL, config.text());
        return out;
    }
}
