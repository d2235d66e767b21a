package org.lens4j.models.paligemma.internal;

import java.util.List;
import org.lens4j.core.module.LayoutAlias;
import org.lens4j.core.module.ModuleInfo;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.gemma.GemmaDecoder;
import org.lens4j.models.paligemma.PaliGemmaConfig;
import org.lens4j.models.siglip.SiglipVisionTransformer;

/**
 * The PaliGemma module names of transformers 4.47–4.51 and their spelling in the ≥ 4.52 layout,
 * where the tower, projector and decoder moved under {@code model.} and the head became
 * {@code lm_head}.
 */
public final class PaliGemmaLayout {

    /** Name of the newer layout, as shown in messages. */
    public static final String NEW_LAYOUT = "transformers>=4.52";
    /** The {@code SiglipVisionModel} wrapper. */
    public static final String VISION_TOWER = "vision_tower";
    /** The SigLIP transformer inside the wrapper. */
    public static final String VISION_MODEL = VISION_TOWER + ".vision_model";
    /** The projector. */
    public static final String PROJECTOR = "multi_modal_projector";
    /** The projector's linear layer. */
    public static final String PROJECTOR_LINEAR = PROJECTOR + ".linear";
    /** The causal language model ({@code GemmaForCausalLM}). */
    public static final String LANGUAGE_MODEL = "language_model";
    /** The decoder stack ({@code GemmaModel}). */
    public static final String DECODER = LANGUAGE_MODEL + ".model";
    /** The output head. */
    public static final String LM_HEAD = LANGUAGE_MODEL + ".lm_head";

    /** Module aliases of the ≥ 4.52 layout. */
    public static final List<LayoutAlias> ALIASES = List.of(
            new LayoutAlias(NEW_LAYOUT, "model.vision_tower.", VISION_TOWER + "."),
            new LayoutAlias(NEW_LAYOUT, "model.vision_tower", VISION_TOWER),
            new LayoutAlias(NEW_LAYOUT, "model.multi_modal_projector.", PROJECTOR + "."),
            new LayoutAlias(NEW_LAYOUT, "model.multi_modal_projector", PROJECTOR),
            new LayoutAlias(NEW_LAYOUT, "model.language_model.", DECODER + "."),
            new LayoutAlias(NEW_LAYOUT, "model.language_model", DECODER),
            new LayoutAlias(NEW_LAYOUT, "lm_head", LM_HEAD));

    /** Parameter aliases of the ≥ 4.52 layout, for checkpoints saved with it. */
    public static final List<LayoutAlias> PARAMETER_ALIASES = List.of(
            new LayoutAlias(NEW_LAYOUT, "model.vision_tower.", VISION_TOWER + "."),
            new LayoutAlias(NEW_LAYOUT, "model.multi_modal_projector.", PROJECTOR + "."),
            new LayoutAlias(NEW_LAYOUT, "model.language_model.", DECODER + "."),
            new LayoutAlias(NEW_LAYOUT, "lm_head.", LM_HEAD + "."));

    private PaliGemmaLayout() {
    }

    /** Lists every module in {@code named_modules()} order (transformers 4.47). */
    public static List<ModuleInfo> list(PaliGemmaConfig config) {
        ModuleListing out = new ModuleListing();
        out.add("", "PaliGemmaForConditionalGeneration", ModuleKind.SEQUENCE);
        out.add(VISION_TOWER, "SiglipVisionModel", ModuleKind.VISION);
        SiglipVisionTransformer.list(out, VISION_MODEL, config.vision());
        out.add(PROJECTOR, "PaliGemmaMultiModalProjector", ModuleKind.VISION);
        out.add(PROJECTOR_LINEAR, "Linear", ModuleKind.VISION);
        out.add(LANGUAGE_MODEL, "GemmaForCausalLM", ModuleKind.SEQUENCE);
        GemmaDecoder.list(out, DECODER, config.text());
        out.add(LM_HEAD, "Linear", ModuleKind.SEQUENCE);
        return out.modules();
    }
}
