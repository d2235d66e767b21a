package org.lens4j.models.paligemma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.ModelConfig;

/** PaliGemma's module tree from config.json alone: full-size structure, kinds, aliases and defaults. */
class PaliGemmaModuleListTest {

    private static final PaliGemmaAdapter ADAPTER = new PaliGemmaAdapter();

    private static ModuleTree fullSize() {
        return ADAPTER.listModules(ModelConfig.read(SharedData.reference("configs/paligemma_paligemma-3b.json")));
    }

    @Test
    void fullSizeConfigGivesPublishedModules() throws IOException {
        // The published list comes from transformers 4.51 and lacks the root line. Rotary placeholders
        // moved between versions, so both sides drop them.
        List<String> published = Files.readAllLines(SharedData.reference("module-lists/paligemma_paligemma-3b.txt"));
        Set<String> expected = withoutRotary(published);
        Set<String> actual = withoutRotary(fullSize().names());
        actual.remove("");

        assertEquals(expected, actual);
    }

    @Test
    void fullSizeConfigHasNoPoolingHead() {
        assertFalse(fullSize().find("vision_tower.vision_model.head").isPresent());
    }

    @Test
    void moduleKindsFollowOutputLayout() {
        ModuleTree tree = fullSize();

        assertEquals(ModuleKind.CONTAINER, kind(tree, "vision_tower.vision_model.encoder.layers"));
        assertEquals(ModuleKind.CONTAINER, kind(tree, "language_model.model.layers"));
        assertEquals(ModuleKind.VISION, kind(tree, "vision_tower.vision_model.encoder.layers.26.mlp.fc2"));
        assertEquals(ModuleKind.VISION, kind(tree, "multi_modal_projector.linear"));
        assertEquals(ModuleKind.SEQUENCE, kind(tree, "language_model.model.layers.17.post_attention_layernorm"));
        assertEquals(ModuleKind.OTHER, kind(tree, "vision_tower.vision_model.embeddings.patch_embedding"));
        assertEquals(ModuleKind.OTHER, kind(tree, "language_model.model.layers.0.self_attn.rotary_emb"));
    }

    @Test
    void newLayoutSpellingSelectsCanonicalModule() {
        ModuleTree tree = fullSize();

        assertEquals(List.of("language_model.model.layers.3.mlp"), tree.select(List.of("model.language_model.layers.3.mlp")));
        assertEquals(List.of("language_model.lm_head"), tree.select(List.of("lm_head")));
        assertEquals(List.of("vision_tower.vision_model.post_layernorm"),
                tree.select(List.of("model.vision_tower.vision_model.post_layernorm")));
    }

    @Test
    void globOverDecoderLayersSkipsContainer() {
        List<String> selected = fullSize().select(List.of("language_model.model.layers.1*"));

        assertEquals(List.of("language_model.model.layers.1", "language_model.model.layers.10",
                "language_model.model.layers.11", "language_model.model.layers.12", "language_model.model.layers.13",
                "language_model.model.layers.14", "language_model.model.layers.15", "language_model.model.layers.16",
                "language_model.model.layers.17"), selected);
    }

    @Test
    void poolingHeadOutProjectionNeverRuns() {
        ModuleTree tree = ADAPTER.listModules(ModelConfig.read(SharedData.golden("paligemma-single")));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> tree.select(List.of("vision_tower.vision_model.head.attention.out_proj")));

        assertTrue(error.getMessage().contains("never run"), error.getMessage());
        assertTrue(error.getMessage().contains("NEVER_RUNS"), error.getMessage());
    }

    @Test
    void missingSectionsTakePaliGemmaDefaults() {
        ModuleTree tree = ADAPTER.listModules(ModelConfig.parse("{\"model_type\": \"paligemma\"}", "test"));

        assertTrue(tree.find("vision_tower.vision_model.encoder.layers.26").isPresent());
        assertFalse(tree.find("vision_tower.vision_model.encoder.layers.27").isPresent());
        assertTrue(tree.find("language_model.model.layers.17").isPresent());
        assertFalse(tree.find("language_model.model.layers.18").isPresent());
        assertFalse(tree.find("vision_tower.vision_model.head").isPresent());
    }

    @Test
    void gemma2DecoderIsRejected() {
        ModelConfig config = ModelConfig.parse(
                "{\"model_type\": \"paligemma\", \"text_config\": {\"model_type\": \"gemma2\"}}", "test");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ADAPTER.listModules(config));

        assertTrue(error.getMessage().contains("gemma2"), error.getMessage());
    }

    @Test
    void projectionWidthMustEqualTextWidth() {
        ModelConfig config = ModelConfig.parse("{\"model_type\": \"paligemma\", \"projection_dim\": 64}", "test");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ADAPTER.listModules(config));

        assertTrue(error.getMessage().contains("projection_dim 64"), error.getMessage());
    }

    private static Set<String> withoutRotary(List<String> names) {
        return names.stream().filter(name -> !name.endsWith("rotary_emb"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static ModuleKind kind(ModuleTree tree, String name) {
        return tree.find(name).orElseThrow().kind();
    }
}
