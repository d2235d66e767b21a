package org.lens4j.models.janus.internal;

import java.util.List;
import org.lens4j.core.module.ModuleInfo;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.gemma.GemmaDecoder;
import org.lens4j.models.janus.JanusConfig;
import org.lens4j.models.siglip.SiglipVisionTransformer;

/**
 * The Janus module names. Janus exists only in transformers' newer layout ({@code model.…},
 * {@code lm_head}), so that layout is canonical and there are no aliases.
 */
public final class JanusLayout {

    /** The {@code JanusModel} under the root. */
    public static final String MODEL = "model";
    /** The vision encoder. */
    public static final String VISION_MODEL = MODEL + ".vision_model";
    /** The aligner between the encoder and the decoder. */
    public static final String ALIGNER = MODEL + ".aligner";
    /** The Llama decoder stack. */
    public static final String LANGUAGE_MODEL = MODEL + ".language_model";
    /** The output head. */
    public static final String LM_HEAD = "lm_head";

    private JanusLayout() {
    }

    /** Lists every module in {@code named_modules()} order. */
    public static List<ModuleInfo> list(JanusConfig config) {
        ModuleListing out = new ModuleListing();
        out.add("", "JanusForConditionalGeneration", ModuleKind.SEQUENCE);
        out.add(MODEL, "JanusModel", ModuleKind.SEQUENCE);
        SiglipVisionTransformer.list(out, VISION_MODEL, config.vision());
        JanusAligner.list(out, ALIGNER, config);
        GenerationListing.vqModel(out, MODEL + ".vqmodel", config.vq());
        GenerationListing.generationModules(out, MODEL, config.vq());
        GemmaDecoder.list(out, LANGUAGE_MODEL, config.text());
        out.add(LM_HEAD, "Linear", ModuleKind.SEQUENCE);
        return out.modules();
    }
}
