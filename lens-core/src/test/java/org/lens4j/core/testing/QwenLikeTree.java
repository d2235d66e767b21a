package org.lens4j.core.testing;

import java.util.ArrayList;
import java.util.List;
import org.lens4j.core.module.LayoutAlias;
import org.lens4j.core.module.ModuleInfo;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.module.ModuleTrees;

/**
 * A module tree shaped like Qwen2-VL-2B in the transformers 4.47–4.51 layout: 32 vision blocks,
 * the patch merger, 28 decoder layers, {@code model.norm} and {@code lm_head}, with the ≥ 4.52
 * layout ({@code model.visual.}, {@code model.language_model.}) as aliases.
 */
public final class QwenLikeTree {

    /** The layout name of the aliases. */
    public static final String NEW_LAYOUT = "transformers>=4.52";
    /** Decoder layers of the language model. */
    public static final int LAYERS = 28;
    /** Vision transformer blocks. */
    public static final int BLOCKS = 32;

    private QwenLikeTree() {
    }

    /** Builds the tree. */
    public static ModuleTree build() {
        List<ModuleInfo> modules = new ArrayList<>();
        modules.add(container("", "Qwen2VLForConditionalGeneration"));
        addVision(modules);
        addLanguageModel(modules);
        modules.add(new ModuleInfo("lm_head", "Linear", ModuleKind.SEQUENCE));
        return ModuleTrees.of(modules, aliases());
    }

    /** Returns the aliases of the ≥ 4.52 layout. */
    public static List<LayoutAlias> aliases() {
        return List.of(
                new LayoutAlias(NEW_LAYOUT, "model.visual.", "visual."),
                new LayoutAlias(NEW_LAYOUT, "model.visual", "visual"),
                new LayoutAlias(NEW_LAYOUT, "model.language_model.", "model."),
                new LayoutAlias(NEW_LAYOUT, "model.language_model", "model"));
    }

    private static void addVision(List<ModuleInfo> modules) {
        modules.add(vision("visual", "Qwen2VisionTransformerPretrainedModel"));
        modules.add(vision("visual.patch_embed", "PatchEmbed"));
        modules.add(vision("visual.patch_embed.proj", "Conv3d"));
        modules.add(new ModuleInfo("visual.rotary_pos_emb", "VisionRotaryEmbedding", ModuleKind.OTHER));
        modules.add(container("visual.blocks", "ModuleList"));
        for (int i = 0; i < BLOCKS; i++) {
            String block = "visual.blocks." + i;
            modules.add(vision(block, "Qwen2VLVisionBlock"));
            modules.add(vision(block + ".norm1", "LayerNorm"));
            modules.add(vision(block + ".norm2", "LayerNorm"));
            modules.add(vision(block + ".attn", "VisionSdpaAttention"));
            modules.add(vision(block + ".attn.qkv", "Linear"));
            modules.add(vision(block + ".attn.proj", "Linear"));
            modules.add(vision(block + ".mlp", "VisionMlp"));
            modules.add(vision(block + ".mlp.fc1", "Linear"));
            modules.add(vision(block + ".mlp.act", "QuickGELUActivation"));
            modules.add(vision(block + ".mlp.fc2", "Linear"));
        }
        modules.add(vision("visual.merger", "PatchMerger"));
        modules.add(vision("visual.merger.ln_q", "LayerNorm"));
        modules.add(vision("visual.merger.mlp", "Sequential"));
        modules.add(vision("visual.merger.mlp.0", "Linear"));
        modules.add(vision("visual.merger.mlp.1", "GELU"));
        modules.add(vision("visual.merger.mlp.2", "Linear"));
    }

    private static void addLanguageModel(List<ModuleInfo> modules) {
        modules.add(sequence("model", "Qwen2VLModel"));
        modules.add(sequence("model.embed_tokens", "Embedding"));
        modules.add(container("model.layers", "ModuleList"));
        for (int i = 0; i < LAYERS; i++) {
            String layer = "model.layers." + i;
            modules.add(sequence(layer, "Qwen2VLDecoderLayer"));
            modules.add(sequence(layer + ".self_attn", "Qwen2VLSdpaAttention"));
            for (String projection : List.of("q_proj", "k_proj", "v_proj", "o_proj")) {
                modules.add(sequence(layer + ".self_attn." + projection, "Linear"));
            }
            modules.add(new ModuleInfo(layer + ".self_attn.rotary_emb", "Qwen2VLRotaryEmbedding",
                    ModuleKind.NEVER_RUNS));
            modules.add(sequence(layer + ".mlp", "Qwen2MLP"));
            modules.add(sequence(layer + ".mlp.gate_proj", "Linear"));
            modules.add(sequence(layer + ".mlp.up_proj", "Linear"));
            modules.add(sequence(layer + ".mlp.down_proj", "Linear"));
            modules.add(sequence(layer + ".mlp.act_fn", "SiLU"));
            modules.add(sequence(layer + ".input_layernorm", "Qwen2RMSNorm"));
            modules.add(sequence(layer + ".post_attention_layernorm", "Qwen2RMSNorm"));
        }
        modules.add(sequence("model.norm", "Qwen2RMSNorm"));
        modules.add(new ModuleInfo("model.rotary_emb", "Qwen2VLRotaryEmbedding", ModuleKind.OTHER));
    }

    private static ModuleInfo vision(String name, String type) {
        return new ModuleInfo(name, type, ModuleKind.VISION);
    }

    private static ModuleInfo sequence(String name, String type) {
        return new ModuleInfo(name, type, ModuleKind.SEQUENCE);
    }

    private static ModuleInfo container(String name, String type) {
        return new ModuleInfo(name, type, ModuleKind.CONTAINER);
    }
}
