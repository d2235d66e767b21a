package org.lens4j.models.qwen2vl.internal;

import java.util.ArrayList;
import java.util.List;
import org.lens4j.core.module.LayoutAlias;
import org.lens4j.core.module.ModuleInfo;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.module.ModuleTrees;

/**
 * The {@code named_modules()} listing of Qwen2-VL (transformers 4.47) and Qwen2.5-VL (4.49), built
 * from the configuration alone.
 */
public final class QwenVLModules {

    /** The name of the transformers ≥ 4.52 layout, as shown in messages. */
    public static final String NEW_LAYOUT = "transformers>=4.52";

    /**
     * Prefix rewrites from the ≥ 4.52 layout ({@code model.visual.…}, {@code model.language_model.…})
     * to the canonical 4.47–4.51 layout ({@code visual.…}, {@code model.…}).
     */
    public static final List<LayoutAlias> ALIASES = List.of(
            new LayoutAlias(NEW_LAYOUT, "model.visual.", "visual."),
            new LayoutAlias(NEW_LAYOUT, "model.visual", "visual"),
            new LayoutAlias(NEW_LAYOUT, "model.language_model.", "model."),
            new LayoutAlias(NEW_LAYOUT, "model.language_model", "model"));

    private final QwenVLConfig config;
    private final boolean qwen2;
    private final List<ModuleInfo> modules = new ArrayList<>();

    private QwenVLModules(QwenVLConfig config) {
        this.config = config;
        this.qwen2 = config.variant() == QwenVLConfig.Variant.QWEN2_VL;
    }

    /** Lists the modules of a model with this configuration, in {@code named_modules()} order. */
    public static ModuleTree list(QwenVLConfig config) {
        QwenVLModules builder = new QwenVLModules(config);
        builder.addAll();
        return ModuleTrees.of(builder.modules, ALIASES);
    }

    private void addAll() {
        add("", qwen2 ? "Qwen2VLForConditionalGeneration" : "Qwen2_5_VLForConditionalGeneration",
                ModuleKind.SEQUENCE);
        addVision();
        addDecoder();
        add("lm_head", "Linear", ModuleKind.SEQUENCE);
    }

    private void addVision() {
        ModuleKind vision = ModuleKind.VISION;
        add("visual", qwen2 ? "Qwen2VisionTransformerPretrainedModel" : "Qwen2_5_VisionTransformerPretrainedModel",
                vision);
        add("visual.patch_embed", qwen2 ? "PatchEmbed" : "Qwen2_5_VisionPatchEmbed", vision);
        add("visual.patch_embed.proj", "Conv3d", vision);
        // Its output is the frequency table [max grid side, head size / 4], not one row per patch.
        add("visual.rotary_pos_emb", qwen2 ? "VisionRotaryEmbedding" : "Qwen2_5_VisionRotaryEmbedding",
                ModuleKind.OTHER);
        add("visual.blocks", "ModuleList", ModuleKind.CONTAINER);
        for (int i = 0; i < config.vision().depth(); i++) {
            addVisionBlock("visual.blocks." + i);
        }
        String norm = qwen2 ? "LayerNorm" : "Qwen2RMSNorm";
        add("visual.merger", qwen2 ? "PatchMerger" : "Qwen2_5_VLPatchMerger", vision);
        add("visual.merger.ln_q", norm, vision);
        add("visual.merger.mlp", "Sequential", vision);
        add("visual.merger.mlp.0", "Linear", vision);
        add("visual.merger.mlp.1", "GELU", vision);
        add("visual.merger.mlp.2", "Linear", vision);
    }

    private void addVisionBlock(String block) {
        ModuleKind vision = ModuleKind.VISION;
        String norm = qwen2 ? "LayerNorm" : "Qwen2RMSNorm";
        String activation = config.vision().activation().referenceType();
        add(block, qwen2 ? "Qwen2VLVisionBlock" : "Qwen2_5_VLVisionBlock", vision);
        add(block + ".norm1", norm, vision);
        add(block + ".norm2", norm, vision);
        add(block + ".attn", qwen2 ? "VisionAttention" : "Qwen2_5_VLVisionAttention", vision);
        add(block + ".attn.qkv", "Linear", vision);
        add(block + ".attn.proj", "Linear", vision);
        if (qwen2) {
            add(block + ".mlp", "VisionMlp", vision);
            add(block + ".mlp.fc1", "Linear", vision);
            add(block + ".mlp.act", activation, vision);
            add(block + ".mlp.fc2", "Linear", vision);
        } else {
            add(block + ".mlp", "Qwen2_5_VLMLP", vision);
            add(block + ".mlp.gate_proj", "Linear", vision);
            add(block + ".mlp.up_proj", "Linear", vision);
            add(block + ".mlp.down_proj", "Linear", vision);
            add(block + ".mlp.act_fn", activation, vision);
        }
    }

    private void addDecoder() {
        String prefix = qwen2 ? "Qwen2VL" : "Qwen2_5_VL";
        ModuleKind sequence = ModuleKind.SEQUENCE;
        add("model", prefix + "Model", sequence);
        add("model.embed_tokens", "Embedding", sequence);
        add("model.layers", "ModuleList", ModuleKind.CONTAINER);
        for (int i = 0; i < config.text().layers(); i++) {
            String layer = "model.layers." + i;
            add(layer, prefix + "DecoderLayer", sequence);
            add(layer + ".self_attn", prefix + "Attention", sequence);
            add(layer + ".self_attn.q_proj", "Linear", sequence);
            add(layer + ".self_attn.k_proj", "Linear", sequence);
            add(layer + ".self_attn.v_proj", "Linear", sequence);
            add(layer + ".self_attn.o_proj", "Linear", sequence);
            // Created in every layer by transformers 4.47-4.51 but never called: the model-level
            // rotary embedding computes the positions once.
            add(layer + ".self_attn.rotary_emb", prefix + "RotaryEmbedding", ModuleKind.NEVER_RUNS);
            add(layer + ".mlp", "Qwen2MLP", sequence);
            add(layer + ".mlp.gate_proj", "Linear", sequence);
            add(layer + ".mlp.up_proj", "Linear", sequence);
            add(layer + ".mlp.down_proj", "Linear", sequence);
            add(layer + ".mlp.act_fn", config.text().activation().referenceType(), sequence);
            add(layer + ".input_layernorm", "Qwen2RMSNorm", sequence);
            add(layer + ".post_attention_layernorm", "Qwen2RMSNorm", sequence);
        }
        add("model.norm", "Qwen2RMSNorm", sequence);
        // Its output is the cosine table [3, batch, seq, head size].
        add("model.rotary_emb", prefix + "RotaryEmbedding", ModuleKind.OTHER);
    }

    private void add(String name, String type, ModuleKind kind) {
        modules.add(new ModuleInfo(name, type, kind));
    }
}
