package org.lens4j.models.janus;

import java.nio.file.Path;
import java.util.List;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.module.ModuleTrees;
import org.lens4j.models.InputProcessor;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.ModelAdapter;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.janus.internal.JanusLayout;
import org.lens4j.models.janus.internal.JanusModel;
import org.lens4j.models.siglip.internal.AdapterSupport;

/**
 * The Janus family ({@code JanusForConditionalGeneration}), image understanding only.
 *
 * <p>Names are those of transformers' Janus implementation, which exists only in the newer layout:
 * {@code model.vision_model…}, {@code model.aligner…}, {@code model.language_model…},
 * {@code lm_head}. The VQ model and the {@code generation_*} modules are listed as
 * {@link org.lens4j.core.module.ModuleKind#NEVER_RUNS}, so selecting only them is an error.
 *
 * <p>{@code forward} takes {@code input_ids} with each image's placeholders already expanded to
 * the tokens per image, an optional {@code attention_mask}, and normalised
 * {@code pixel_values [images, 3, S, S]}. {@code model.vision_model.post_layernorm} runs twice per
 * forward pass, as in the reference: on the patch tokens, then on each image's first token.
 */
public final class JanusAdapter implements ModelAdapter {

    /** The family id. */
    public static final String ID = JanusModel.FAMILY;

    /** Creates the adapter; no I/O happens until a method is called. */
    public JanusAdapter() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean accepts(ModelConfig config) {
        return AdapterSupport.declares(config, "janus", "JanusForConditionalGeneration");
    }

    @Override
    public ModuleTree listModules(ModelConfig config) {
        return ModuleTrees.of(JanusLayout.list(JanusConfig.from(config)), List.of());
    }

    @Override
    public HookedModel load(Path folder, LoadOptions options) {
        ModelConfig raw = ModelConfig.read(folder);
        JanusConfig config = JanusConfig.from(raw);
        ModuleTree modules = listModules(raw);
        String modelId = AdapterSupport.modelId(folder, options);
        return AdapterSupport.load(folder, options, List.of(),
                parameters -> JanusModel.load(modelId, modules, parameters, config));
    }

    /** Opens {@link JanusProcessor} on the folder, which must contain {@code tokenizer.json}. */
    @Override
    public InputProcessor processor(Path folder) {
        return JanusProcessor.open(folder);
    }
}
