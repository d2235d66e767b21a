package org.lens4j.models.llava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.testing.ModuleLists;

class LlavaModuleListTest {

    private final LlavaAdapter adapter = new LlavaAdapter();

    @Test
    void tinyConfigListsGoldenModules() {
        ModuleTree tree = adapter.listModules(ModelConfig.read(SharedData.golden("llava-single")));

        assertEquals(ModuleLists.read(SharedData.golden("llava-single").resolve("modules.txt")), tree.names());
    }

    @Test
    void fullSizeConfigListsPublishedModules() {
        ModelConfig config = ModelConfig.read(SharedData.reference("configs/llava-hf_llava-1.5-7b-hf.json"));
        List<String> published = ModuleLists.read(SharedData.reference("module-lists/llava-hf_llava-1.5-7b-hf.txt"));

        ModuleTree tree = adapter.listModules(config);

        // The published list comes from transformers 4.51, which has no per-layer rotary placeholders.
        assertEquals(ModuleLists.withoutRotary(published), ModuleLists.withoutRotary(tree.names()));
        assertTrue(tree.names().contains("vision_tower.vision_model.encoder.layers.22"));
        assertTrue(tree.names().contains("language_model.model.layers.31.post_attention_layernorm"));
    }

    @Test
    void kindsFollowOutputLayout() {
        ModuleTree tree = adapter.listModules(ModelConfig.read(SharedData.golden("llava-single")));

        assertEquals(ModuleKind.VISION, kind(tree, "vision_tower.vision_model.encoder.layers.2"));
        assertEquals(ModuleKind.VISION, kind(tree, "multi_modal_projector.linear_2"));
        assertEquals(ModuleKind.SEQUENCE, kind(tree, "language_model.model.layers.1.post_attention_layernorm"));
        assertEquals(ModuleKind.SEQUENCE, kind(tree, "language_model.lm_head"));
        assertEquals(ModuleKind.CONTAINER, kind(tree, "language_model.model.layers"));
        assertEquals(ModuleKind.NEVER_RUNS, kind(tree, "language_model.model.layers.0.self_attn.rotary_emb"));
        assertEquals(ModuleKind.OTHER, kind(tree, "language_model.model.rotary_emb"));
        assertEquals(ModuleKind.OTHER, kind(tree, "vision_tower.vision_model.post_layernorm"));
    }

    @Test
    void newLayoutAliasesCoverMovedPrefixes() {
        ModuleTree tree = adapter.listModules(ModelConfig.read(SharedData.golden("llava-single")));

        assertTrue(tree.aliases().stream().anyMatch(alias -> alias.aliasPrefix().equals("lm_head")
                && alias.canonicalPrefix().equals("language_model.lm_head")));
        assertTrue(tree.aliases().stream().anyMatch(alias -> alias.aliasPrefix().equals("model.language_model.")
                && alias.canonicalPrefix().equals("language_model.model.")));
    }

    @Test
    void newLayoutNamesSelectCanonicalModules() {
        ModuleTree tree = adapter.listModules(ModelConfig.read(SharedData.golden("llava-single")));

        assertEquals(List.of("language_model.model.layers.1.post_attention_layernorm"),
                tree.select(List.of("model.language_model.layers.1.post_attention_layernorm")));
        assertEquals(List.of("language_model.lm_head"), tree.select(List.of("lm_head")));
        assertEquals(List.of("vision_tower.vision_model.encoder.layers.2"),
                tree.select(List.of("model.vision_tower.vision_model.encoder.layers.2")));
        assertEquals(List.of("multi_modal_projector.linear_2"), tree.select(List.of("model.multi_modal_projector.linear_2")));
    }

    @Test
    void acceptsLlavaConfigOnly() {
        assertTrue(adapter.accepts(ModelConfig.read(SharedData.golden("llava-single"))));
        assertFalse(adapter.accepts(ModelConfig.read(SharedData.golden("llava_next-single"))));
        assertFalse(adapter.accepts(ModelConfig.read(SharedData.golden("clip-single"))));
    }

    private static ModuleKind kind(ModuleTree tree, String name) {
        return tree.find(name).orElseThrow().kind();
    }
}
