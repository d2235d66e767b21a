package org.lens4j.models.internvl;

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

class InternVLModuleListTest {

    private static final String CASE = "internvl-single";

    private final InternVLAdapter adapter = new InternVLAdapter();

    @Test
    void tinyConfigListsGoldenModules() {
        ModuleTree tree = adapter.listModules(ModelConfig.read(SharedData.golden(CASE)));

        assertEquals(ModuleLists.read(SharedData.golden(CASE).resolve("modules.txt")), tree.names());
    }

    @Test
    void kindsFollowOutputLayout() {
        ModuleTree tree = adapter.listModules(ModelConfig.read(SharedData.golden(CASE)));

        assertEquals(ModuleKind.VISION, kind(tree, "vision_tower.encoder.layer.1"));
        assertEquals(ModuleKind.VISION, kind(tree, "vision_tower.embeddings.patch_embeddings"));
        assertEquals(ModuleKind.OTHER, kind(tree, "vision_tower.embeddings.patch_embeddings.projection"));
        assertEquals(ModuleKind.VISION, kind(tree, "multi_modal_projector.linear_2"));
        assertEquals(ModuleKind.SEQUENCE, kind(tree, "language_model.model.layers.1.post_attention_layernorm"));
        assertEquals(ModuleKind.CONTAINER, kind(tree, "vision_tower.encoder.layer"));
        assertEquals(ModuleKind.OTHER, kind(tree, "language_model.model.rotary_emb"));
    }

    @Test
    void typesNameQwen2Decoder() {
        ModuleTree tree = adapter.listModules(ModelConfig.read(SharedData.golden(CASE)));

        assertEquals("Qwen2DecoderLayer", tree.find("language_model.model.layers.0").orElseThrow().type());
        assertEquals("InternVLVisionLayer", tree.find("vision_tower.encoder.layer.0").orElseThrow().type());
    }

    @Test
    void newLayoutNamesSelectCanonicalModules() {
        ModuleTree tree = adapter.listModules(ModelConfig.read(SharedData.golden(CASE)));

        assertEquals(List.of("language_model.model.layers.1.post_attention_layernorm"),
                tree.select(List.of("model.language_model.layers.1.post_attention_layernorm")));
        assertEquals(List.of("language_model.lm_head"), tree.select(List.of("lm_head")));
        assertEquals(List.of("vision_tower.encoder.layer.1"), tree.select(List.of("model.vision_tower.encoder.layer.1")));
        assertEquals(List.of("multi_modal_projector.linear_2"),
                tree.select(List.of("model.multi_modal_projector.linear_2")));
    }

    @Test
    void acceptsNativeLayoutOnly() {
        assertTrue(adapter.accepts(ModelConfig.read(SharedData.golden(CASE))));
        assertFalse(adapter.accepts(ModelConfig.read(SharedData.golden("remote-code/internvl2_5_qwen2-single"))));
        assertFalse(adapter.accepts(ModelConfig.read(SharedData.golden("llava-single"))));
    }

    private static ModuleKind kind(ModuleTree tree, String name) {
        return tree.find(name).orElseThrow().kind();
    }
}
