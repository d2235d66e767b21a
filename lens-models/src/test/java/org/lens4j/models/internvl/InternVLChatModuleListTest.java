package org.lens4j.models.internvl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.testing.ModuleLists;

class InternVLChatModuleListTest {

    /**
     * InternVL2.5-8B's published {@code vision_config} and top-level settings (InternViT-300M-448px-V2.5),
     * with a Qwen2.5-3B {@code llm_config} in place of its InternLM2, which this layout does not support.
     */
    private static final String INTERNVL2_5_8B_WITH_QWEN2 = "{\"architectures\": [\"InternVLChatModel\"],"
            + " \"model_type\": \"internvl_chat\", \"downsample_ratio\": 0.5, \"force_image_size\": 448,"
            + " \"ps_version\": \"v2\", \"select_layer\": -1, \"template\": \"internvl2_5\","
            + " \"vision_config\": {\"architectures\": [\"InternVisionModel\"], \"hidden_size\": 1024,"
            + " \"image_size\": 448, \"intermediate_size\": 4096, \"num_attention_heads\": 16,"
            + " \"num_hidden_layers\": 24, \"patch_size\": 14, \"qkv_bias\": true, \"qk_normalization\": false,"
            + " \"norm_type\": \"layer_norm\", \"layer_norm_eps\": 1e-06, \"drop_path_rate\": 0.1},"
            + " \"llm_config\": {\"architectures\": [\"Qwen2ForCausalLM\"], \"model_type\": \"qwen2\","
            + " \"hidden_size\": 2048, \"intermediate_size\": 11008, \"num_hidden_layers\": 36,"
            + " \"num_attention_heads\": 16, \"num_key_value_heads\": 2, \"vocab_size\": 151674,"
            + " \"rope_theta\": 1000000.0, \"tie_word_embeddings\": false}}";

    private final InternVLChatAdapter adapter = new InternVLChatAdapter();

    @Test
    void tinyConfigListsGoldenModules() {
        ModuleTree tree = adapter.listModules(ModelConfig.read(SharedData.golden(ChatGoldenFolder.QWEN2_CASE)));

        assertEquals(ModuleLists.read(SharedData.golden(ChatGoldenFolder.QWEN2_CASE).resolve("modules.txt")),
                tree.names());
    }

    @Test
    void fullSizeVisionAndProjectorMatchPublishedList() {
        List<String> published = ModuleLists.read(SharedData.reference("module-lists/internvl_InternVL2_5-8B.txt"));

        ModuleTree tree = adapter.listModules(ModelConfig.parse(INTERNVL2_5_8B_WITH_QWEN2, "InternVL2.5-8B"));

        assertEquals(visionAndProjector(published), visionAndProjector(tree.names()));
    }

    @Test
    void dropPathClassFollowsRate() {
        ModuleTree tree = adapter.listModules(ModelConfig.parse(INTERNVL2_5_8B_WITH_QWEN2, "InternVL2.5-8B"));

        assertEquals("Identity", tree.find("vision_model.encoder.layers.0.drop_path1").orElseThrow().type());
        assertEquals("DropPath", tree.find("vision_model.encoder.layers.1.drop_path1").orElseThrow().type());
    }

    @Test
    void kindsFollowOutputLayout() {
        ModuleTree tree = adapter.listModules(ModelConfig.read(SharedData.golden(ChatGoldenFolder.QWEN2_CASE)));

        assertEquals(ModuleKind.VISION, kind(tree, "vision_model.encoder.layers.1"));
        assertEquals(ModuleKind.OTHER, kind(tree, "vision_model.encoder.layers.1.attn.attn_drop"));
        assertEquals(ModuleKind.OTHER, kind(tree, "vision_model.embeddings.patch_embedding"));
        assertEquals(ModuleKind.VISION, kind(tree, "mlp1.3"));
        assertEquals(ModuleKind.SEQUENCE, kind(tree, "language_model.model.layers.1.mlp.down_proj"));
        assertEquals(ModuleKind.CONTAINER, kind(tree, "vision_model.encoder.layers"));
    }

    @Test
    void internLm2LanguageModelIsRejected() {
        ModelConfig config = ModelConfig.read(SharedData.golden(ChatGoldenFolder.INTERNLM2_CASE));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> adapter.listModules(config));

        assertTrue(error.getMessage().contains("InternLM2 language models are not supported yet"), error.getMessage());
        assertTrue(error.getMessage().contains("llm_config.architectures"), error.getMessage());
    }

    @Test
    void otherLanguageModelIsRejected() {
        ModelConfig config = ModelConfig.parse("{\"model_type\": \"internvl_chat\", \"llm_config\":"
                + " {\"architectures\": [\"Phi3ForCausalLM\"]}}", "test");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> adapter.listModules(config));

        assertTrue(error.getMessage().contains("Phi3ForCausalLM"), error.getMessage());
        assertTrue(error.getMessage().contains("Qwen2ForCausalLM"), error.getMessage());
    }

    @Test
    void acceptsRemoteLayoutOnly() {
        assertTrue(adapter.accepts(ModelConfig.read(SharedData.golden(ChatGoldenFolder.QWEN2_CASE))));
        assertTrue(adapter.accepts(ModelConfig.read(SharedData.golden(ChatGoldenFolder.INTERNLM2_CASE))));
        assertFalse(adapter.accepts(ModelConfig.read(SharedData.golden("internvl-single"))));
    }

    private static List<String> visionAndProjector(List<String> names) {
        return names.stream().filter(name -> name.startsWith("vision_model") || name.startsWith("mlp1"))
                .collect(Collectors.toList());
    }

    private static ModuleKind kind(ModuleTree tree, String name) {
        return tree.find(name).orElseThrow().kind();
    }
}
