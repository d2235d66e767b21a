package org.lens4j.models.internvl;

import java.nio.file.Path;
import java.util.List;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.checkpoint.Checkpoint;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.module.ModuleTrees;
import org.lens4j.models.InputProcessor;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.ModelAdapter;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.internvl.internal.ImageContextToken;
import org.lens4j.models.internvl.internal.InternVLChatLayout;
import org.lens4j.models.internvl.internal.InternVLChatModel;
import org.lens4j.models.vit.internal.AdapterSupport;
import org.lens4j.models.vit.internal.ModelLoading;

/**
 * InternVL in the original remote-code layout ({@code InternVLChatModel}, {@code model_type}
 * {@code internvl_chat}, for example {@code OpenGVLab/InternVL2_5-1B}) with a Qwen2 language model.
 * Names are those of the checkpoint's own code: {@code vision_model.encoder.layers.N.attn.qkv},
 * {@code mlp1.0…3}, {@code language_model.model.layers.N…}, {@code language_model.lm_head}.
 *
 * <p>{@code forward} takes {@code input_ids} in which every {@code <IMG_CONTEXT>} token stands for
 * one projected feature, an optional {@code attention_mask}, {@code pixel_values [tiles, 3, S, S]}
 * already normalised, optional {@code image_flags [tiles, 1]} and an optional {@code position_ids}.
 * The id of {@code <IMG_CONTEXT>} comes from the tokenizer files next to the weights or from an
 * {@code img_context_token_id} entry in {@code config.json}.
 *
 * @implNote Checkpoints whose language model is InternLM2 ({@code llm_config.architectures}
 *     {@code InternLM2ForCausalLM}, for example InternVL2.5-8B) are rejected when listed or opened,
 *     as are other language models.
 */
public final class InternVLChatAdapter implements ModelAdapter {

    /** The family id. */
    public static final String ID = InternVLChatModel.FAMILY;

    /** Creates the adapter; no I/O happens until a method is called. */
    public InternVLChatAdapter() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean accepts(ModelConfig config) {
        return AdapterSupport.declares(config, "internvl_chat", "InternVLChatModel");
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the language model is not {@code Qwen2ForCausalLM}
     */
    @Override
    public ModuleTree listModules(ModelConfig config) {
        return ModuleTrees.of(InternVLChatLayout.list(InternVLChatConfig.from(config)).modules(), List.of());
    }

    @Override
    public HookedModel load(Path folder, LoadOptions options) {
        ModelConfig config = ModelConfig.read(folder);
        InternVLChatConfig internvl = InternVLChatConfig.from(config);
        long imageContextToken = ImageContextToken.resolve(folder, config);
        String modelId = ModelLoading.modelId(folder, options);
        ModuleTree modules = listModules(config);
        if (options.randomWeightsSeed() != null) {
            return ModelLoading.build(null, options, List.of(), loaded -> InternVLChatModel.load(modelId, modules,
                    loaded.manager(), loaded.weights(), internvl, imageContextToken));
        }
        try (Checkpoint checkpoint = AdapterSupport.openCheckpoint(folder)) {
            return ModelLoading.build(checkpoint, options, List.of(), loaded -> InternVLChatModel.load(modelId,
                    modules, loaded.manager(), loaded.weights(), internvl, imageContextToken));
        }
    }

    /**
     * Not available yet.
     *
     * @throws UnsupportedOperationException always; build {@code input_ids} with the
     *     {@code <IMG_CONTEXT>} tokens expanded and the normalised tiles yourself
     */
    @Override
    public InputProcessor processor(Path folder) {
        throw new UnsupportedOperationException("the " + ID + " family has no input processor yet; pass input_ids"
                + " with one <IMG_CONTEXT> token per projected feature and normalised pixel_values tiles");
    }
}
