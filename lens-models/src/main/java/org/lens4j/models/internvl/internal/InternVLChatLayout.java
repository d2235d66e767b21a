package org.lens4j.models.internvl.internal;

import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.internvl.InternVLChatConfig;
import org.lens4j.models.llama.DecoderLayout;
import org.lens4j.models.llama.LlamaForCausalLM;
import org.lens4j.models.vit.internal.HiddenAct;

/**
 * The module layout of the remote-code {@code InternVLChatModel} with a transformers
 * {@code Qwen2ForCausalLM} ({@code vision_model…}, {@code language_model.model…},
 * {@code language_model.lm_head}, {@code mlp1.0…3}). The names are fixed by the checkpoint's own
 * code, so there are no layout aliases.
 */
public final class InternVLChatLayout {

    /** The vision tower. */
    public static final String VISION_MODEL = "vision_model";
    /** The causal language model. */
    public static final String LANGUAGE_MODEL = "language_model";
    /** The projector sequence. */
    public static final String PROJECTOR = "mlp1";

    /** The projector's module names: a LayerNorm, a linear layer, exact GELU, a linear layer. */
    static final ShuffleProjector.Names PROJECTOR_NAMES =
            new ShuffleProjector.Names(PROJECTOR, "Sequential", "0", "1", "2", "3", "GELU");

    /** The projector's activation, {@code nn.GELU()}. */
    static final HiddenAct PROJECTOR_ACTIVATION = HiddenAct.GELU;

    private InternVLChatLayout() {
    }

    /** Lists every module in {@code named_modules()} order. */
    public static ModuleListing list(InternVLChatConfig config) {
        ModuleListing out = new ModuleListing();
        out.add("", "InternVLChatModel", ModuleKind.SEQUENCE);
        InternVisionModel.list(out, VISION_MODEL, config.vision());
        // The remote code runs on transformers 4.48 or later, whose decoders have no per-layer rotary modules.
        LlamaForCausalLM.list(out, LANGUAGE_MODEL, config.text(), DecoderLayout.TRANSFORMERS_4_51);
        ShuffleProjector.list(out, PROJECTOR_NAMES);
        return out;
    }
}
