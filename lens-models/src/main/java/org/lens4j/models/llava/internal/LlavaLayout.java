package org.lens4j.models.llava.internal;

import java.util.List;
import org.lens4j.core.module.LayoutAlias;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.llama.LlamaForCausalLM;
import org.lens4j.models.llava.LlavaConfig;
import org.lens4j.models.vit.ClipVisionTransformer;

/**
 * The module layout of the LLaVA families in transformers 4.47–4.51 and its aliases in the
 * ≥ 4.52 layout, where the vision tower, projector and decoder moved under {@code model.} and the
 * head became {@code lm_head}.
 */
public final class LlavaLayout {

    /** Name of the newer layout, as shown in messages. */
    public static final String NEW_LAYOUT = "transformers>=4.52";

    /** Vision tower wrapper ({@code CLIPVisionModel}). */
    public static final String VISION_TOWER = "vision_tower";
    /** The CLIP vision transformer inside the wrapper. */
    public static final String VISION_MODEL = VISION_TOWER + ".vision_model";
    /** The projector. */
    public static final String PROJECTOR = "multi_modal_projector";
    /** The causal language model. */
    public static final String LANGUAGE_MODEL = "language_model";

    /** Module and parameter aliases of the ≥ 4.52 layout. */
    public static final List<LayoutAlias> ALIASES = List.of(
            new LayoutAlias(NEW_LAYOUT, "model.vision_tower.", "vision_tower."),
            new LayoutAlias(NEW_LAYOUT, "model.vision_tower", "vision_tower"),
            new LayoutAlias(NEW_LAYOUT, "model.multi_modal_projector.", "multi_modal_projector."),
            new LayoutAlias(NEW_LAYOUT, "model.multi_modal_projector", "multi_modal_projector"),
            new LayoutAlias(NEW_LAYOUT, "model.language_model.", "language_model.model."),
            new LayoutAlias(NEW_LAYOUT, "model.language_model", "language_model.model"),
            new LayoutAlias(NEW_LAYOUT, "lm_head", "language_model.lm_head"));

    /** Parameter aliases: the module aliases plus LLaVA-NeXT's {@code image_newline} parameter. */
    public static final List<LayoutAlias> WEIGHT_ALIASES = List.of(
            new LayoutAlias(NEW_LAYOUT, "model.vision_tower.", "vision_tower."),
            new LayoutAlias(NEW_LAYOUT, "model.multi_modal_projector.", "multi_modal_projector."),
            new LayoutAlias(NEW_LAYOUT, "model.language_model.", "language_model.model."),
            new LayoutAlias(NEW_LAYOUT, "lm_head.", "language_model.lm_head."),
            new LayoutAlias(NEW_LAYOUT, "model.image_newline", "image_newline"));

    private LlavaLayout() {
    }

    /**
     * Lists every module in {@code named_modules()} order.
     *
     * @param rootType the class name of the root, for example {@code "LlavaForConditionalGeneration"}
     * @param projectorType the class name of the projector
     */
    public static ModuleListing list(LlavaConfig config, String rootType, String projectorType) {
        ModuleListing out = new ModuleListing();
        out.add("", rootType, ModuleKind.SEQUENCE);
        out.add(VISION_TOWER, "CLIPVisionModel", ModuleKind.VISION);
        ClipVisionTransformer.list(out, VISION_MODEL, config.vision());
        LlavaProjector.list(out, PROJECTOR, projectorType, config);
        LlamaForCausalLM.list(out, LANGUAGE_MODEL, config.text());
        return out;
    }
}
