package org.lens4j.models.ayavision;

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

class AyaVisionModuleListTest {

    private static final String CASE = "aya_vision-single";

    private final AyaVisionAdapter adapter = new AyaVisionAdapter();

    @Test
    void tinyConfigListsGoldenModules() {
        ModuleTree tree = adapter.listModules(ModelConfig.read(SharedData.golden(CASE)));

        assertEquals(ModuleLists.read(SharedData.golden(CASE).resolve("modules.txt")), tree.names());
    }

    @Test
    void fullSizeConfigListsPublishedModules() {
        ModelConfig config = ModelConfig.read(SharedData.reference("configs/CohereLabs_aya-vision-8b.json"));
        List<String> published = ModuleLists.read(SharedData.reference("module-lists/CohereLabs_aya-vision-8b.txt"));

        ModuleTree tree = adapter.listModules(config);

        assertEquals(published, tree.names());
    }

    @Test
    void kindsFollowOutputLayout() {
        ModuleTree tree = adapter.listModules(ModelConfig.read(SharedData.golden(CASE)));

        assertEquals(ModuleKind.VISION, kind(tree, "vision_tower.vision_model.encoder.layers.1"));
        assertEquals(ModuleKind.OTHER, kind(tree, "multi_modal_projector.linear_2"));
        assertEquals(ModuleKind.SEQUENCE, kind(tree, "language_model.model.layers.1.input_layernorm"));
        assertEquals(ModuleKind.SEQUENCE, kind(tree, "language_model.lm_head"));
        assertEquals(ModuleKind.CONTAINER, kind(tree, "language_model.model.layers"));
        assertEquals(ModuleKind.OTHER, kind(tree, "language_model.model.rotary_emb"));
    }

    @Test
    void newLayoutNamesSelectCanonicalModules() {
        ModuleTree tree = adapter.listModules(ModelConfig.read(SharedData.golden(CASE)));

        assertEquals(List.of("language_model.model.layers.1.input_layernorm"),
                tree.select(List.of("model.language_model.layers.1.input_layernorm")));
        assertEquals(List.of("language_model.lm_head"), tree.select(List.of("lm_head")));
        assertEquals(List.of("vision_tower.vision_model.encoder.layers.1"),
                tree.select(List.of("model.vision_tower.vision_model.encoder.layers.1")));
        assertEquals(List.of("multi_modal_projector.linear_1"),
                tree.select(List.of("model.multi_modal_projector.linear_1")));
    }

    @Test
    void acceptsAyaVisionConfigOnly() {
        assertTrue(adapter.accepts(ModelConfig.read(SharedData.golden(CASE))));
        assertFalse(adapter.accepts(ModelConfig.read(SharedData.golden("paligemma-single"))));
        assertFalse(adapter.accepts(ModelConfig.read(SharedData.golden("llava-single"))));
    }

    private static ModuleKind kind(ModuleTree tree, String name) {
        return tree.find(name).orElseThrow().kind();
    }
}
