package org.lens4j.models.qwen2vl;

import java.nio.file.Path;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.models.InputProcessor;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.ModelAdapter;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.qwen2vl.internal.QwenVLAdapterSupport;
import org.lens4j.models.qwen2vl.internal.QwenVLConfig;

/**
 * The adapter of Qwen2.5-VL ({@code Qwen2_5_VLForConditionalGeneration}, id {@code qwen2_5_vl}).
 *
 * <p>Module names are those of transformers 4.49–4.51 ({@code visual.blocks.31.norm2},
 * {@code model.layers.14.post_attention_layernorm}, {@code lm_head}); the ≥ 4.52 spelling
 * ({@code model.visual.…}, {@code model.language_model.…}) is accepted as a layout alias.
 */
public final class Qwen25VLAdapter implements ModelAdapter {

    /** The adapter id and {@code model_type}. */
    public static final String ID = "qwen2_5_vl";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean accepts(ModelConfig config) {
        return QwenVLAdapterSupport.accepts(config, QwenVLConfig.Variant.QWEN2_5_VL);
    }

    @Override
    public ModuleTree listModules(ModelConfig config) {
        QwenVLAdapterSupport.requireVariant(config, QwenVLConfig.Variant.QWEN2_5_VL);
        return Qwen2VLModels.listModules(config);
    }

    @Override
    public HookedModel load(Path folder, LoadOptions options) {
        QwenVLAdapterSupport.requireVariant(ModelConfig.read(folder), QwenVLConfig.Variant.QWEN2_5_VL);
        return Qwen2VLModels.load(folder, options);
    }

    @Override
    public InputProcessor processor(Path folder) {
        return Qwen2VLProcessor.open(folder);
    }
}
