package org.lens4j.models.llavanext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.testing.ModuleLists;

class LlavaNextModuleListTest {

    private final LlavaNextAdapter adapter = new LlavaNextAdapter();

    @Test
    void tinyConfigListsGoldenModules() {
        ModuleTree tree = adapter.listModules(ModelConfig.read(SharedData.golden("llava_next-single")));

        assertEquals(ModuleLists.read(SharedData.golden("llava_next-single").resolve("modules.txt")), tree.names());
    }

    @Test
    void rootAndProjectorUseNextClassNames() {
        ModuleTree tree = adapter.listModules(ModelConfig.read(SharedData.golden("llava_next-single")));

        assertEquals("LlavaNextForConditionalGeneration", tree.find("").orElseThrow().type());
        assertEquals("LlavaNextMultiModalProjector", tree.find("multi_modal_projector").orElseThrow().type());
    }

    @Test
    void acceptsLlavaNextConfigOnly() {
        assertTrue(adapter.accepts(ModelConfig.read(SharedData.golden("llava_next-single"))));
        assertFalse(adapter.accepts(ModelConfig.read(SharedData.golden("llava-single"))));
    }
}
