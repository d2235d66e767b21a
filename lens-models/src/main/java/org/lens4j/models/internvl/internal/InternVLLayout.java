package org.lens4j.models.internvl.internal;

import java.util.List;
import org.lens4j.core.module.LayoutAlias;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.internvl.InternVLConfig;
import org.lens4j.models.llama.DecoderLayout;
import org.lens4j.models.llama.LlamaForCausalLM;

/**
 * The module layout of transformers' {@code InternVLForConditionalGeneration} before its 4.52
 * refactor ({@code vision_tower…}, {@code multi_modal_projector…}, {@code language_model.model…},
 * {@code language_model.lm_head}) and its aliases in the later layout, where the three parts moved
 * under {@code model.} and the head became {@code lm_head}.
 */
public final class InternVLLayout {

    /** Name of the newer layout, as shown in messages. */
    public static final String NEW_LAYOUT = "transformers>=4.52";

    /** The vision tower. */
    public static final String VISION_TOWER = "vision_tower";
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

    private InternVLLayout() {
    }

    /** Lists every module in {@code named_modules()} order. */
    public static ModuleListing list(InternVLConfig config) {
        ModuleListing out = new ModuleListing();
        out.add("", "InternVLForConditionalGeneration", ModuleKind.SEQUENCE);
        InternVLVisionModel.list(out, VISION_TOWER, config.vision(), config.useMeanPooling());
        ShuffleProjector.list(out, projectorNames(config));
        LlamaForCausalLM.list(out, LANGUAGE_MODEL, config.text(), DecoderLayout.TRANSFORMERS_4_51);
        return out;
    }

    /** Returns the projector's module names. */
    static ShuffleProjector.Names projectorNames(InternVLConfig config) {
        return new ShuffleProjector.Names("multi_modal_projector", "InternVLMultiModalProjector", "layer_norm",
                "linear_1", "act", "linear_2", config.projectorActivation().typeName());
    }
}
