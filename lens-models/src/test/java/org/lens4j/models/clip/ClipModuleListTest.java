package org.lens4j.models.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.testing.ModuleLists;

class ClipModuleListTest {

    private final ClipAdapter adapter = new ClipAdapter();

    @Test
    void tinyConfigListsGoldenModules() {
        ModuleTree tree = adapter.listModules(ModelConfig.read(SharedData.golden("clip-single")));

        assertEquals(ModuleLists.read(SharedData.golden("clip-single").resolve("modules.txt")), tree.names());
    }

    @Test
    void fullSizeConfigListsPublishedModules() {
        ModelConfig config = ModelConfig.read(SharedData.reference("configs/openai_clip-vit-base-patch32.json"));

        ModuleTree tree = adapter.listModules(config);

        assertEquals(ModuleLists.read(SharedData.reference("module-lists/openai_clip-vit-base-patch32.txt")),
                tree.names());
    }

    @Test
    void kindsFollowOutputLayout() {
        ModuleTree tree = adapter.listModules(ModelConfig.read(SharedData.golden("clip-single")));

        assertEquals(ModuleKind.VISION, kind(tree, "vision_model.encoder.layers.1.mlp.fc2"));
        assertEquals(ModuleKind.SEQUENCE, kind(tree, "text_model.encoder.layers.0.self_attn"));
        assertEquals(ModuleKind.CONTAINER, kind(tree, "text_model.encoder.layers"));
        assertEquals(ModuleKind.OTHER, kind(tree, "vision_model.post_layernorm"));
        assertEquals(ModuleKind.OTHER, kind(tree, "visual_projection"));
        assertEquals(ModuleKind.OTHER, kind(tree, "vision_model.embeddings.patch_embedding"));
        assertEquals("QuickGELUActivation",
                tree.find("vision_model.encoder.layers.0.mlp.activation_fn").orElseThrow().type());
    }

    @Test
    void acceptsClipConfigOnly() {
        assertTrue(adapter.accepts(ModelConfig.read(SharedData.golden("clip-single"))));
        assertFalse(adapter.accepts(ModelConfig.read(SharedData.golden("llava-single"))));
    }

    private static ModuleKind kind(ModuleTree tree, String name) {
        return tree.find(name).orElseThrow().kind();
    }
}
