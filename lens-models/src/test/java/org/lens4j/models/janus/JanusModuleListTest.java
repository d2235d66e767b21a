package org.lens4j.models.janus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.ModelConfig;

/** Janus's module tree from config.json alone: full-size structure, kinds and the generation-only modules. */
class JanusModuleListTest {

    private static final JanusAdapter ADAPTER = new JanusAdapter();

    private static ModuleTree janusPro1b() throws IOException {
        try (InputStream in = JanusModuleListTest.class.getResourceAsStream("janus-pro-1b.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return ADAPTER.listModules(ModelConfig.parse(json, "janus-pro-1b.json"));
        }
    }

    private static ModuleTree tiny() {
        return ADAPTER.listModules(ModelConfig.read(SharedData.golden("janus-single")));
    }

    @Test
    void janusPro1bGivesPublishedModules() throws IOException {
        List<String> published = Files.readAllLines(
                SharedData.reference("module-lists/deepseek-community_Janus-Pro-1B.txt"));

        assertEquals(published, janusPro1b().names());
    }

    @Test
    void generationModulesNeverRun() throws IOException {
        ModuleTree tree = janusPro1b();

        assertEquals(ModuleKind.NEVER_RUNS, kind(tree, "model.vqmodel"));
        assertEquals(ModuleKind.NEVER_RUNS, kind(tree, "model.vqmodel.decoder.up.1.block.0.nin_shortcut"));
        assertEquals(ModuleKind.NEVER_RUNS, kind(tree, "model.generation_embeddings"));
        assertEquals(ModuleKind.NEVER_RUNS, kind(tree, "model.generation_aligner.hidden_layers.0"));
        assertEquals(ModuleKind.NEVER_RUNS, kind(tree, "model.generation_head.vision_head"));
    }

    @Test
    void patternOverVqModelRaisesNeverRuns() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> tiny().select(List.of("model.vqmodel.**")));

        assertTrue(error.getMessage().contains("never run in forward"), error.getMessage());
        assertTrue(error.getMessage().contains("NEVER_RUNS"), error.getMessage());
    }

    @Test
    void patternOverGenerationHeadRaisesNeverRuns() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> tiny().select(List.of("model.generation_*")));

        assertTrue(error.getMessage().contains("never run in forward"), error.getMessage());
    }

    @Test
    void broadPatternSkipsGenerationModules() {
        List<String> selected = tiny().select(List.of("model.**"));

        assertTrue(selected.contains("model.aligner.fc1"));
        assertTrue(selected.contains("model.language_model.rotary_emb"));
        assertTrue(selected.stream().noneMatch(name -> name.startsWith("model.vqmodel")), selected.toString());
        assertTrue(selected.stream().noneMatch(name -> name.startsWith("model.generation_")), selected.toString());
    }

    @Test
    void moduleKindsFollowOutputLayout() throws IOException {
        ModuleTree tree = janusPro1b();

        assertEquals(ModuleKind.CONTAINER, kind(tree, "model.vision_model.encoder.layers"));
        assertEquals(ModuleKind.CONTAINER, kind(tree, "model.aligner.hidden_layers"));
        assertEquals(ModuleKind.CONTAINER, kind(tree, "model.language_model.layers"));
        assertEquals(ModuleKind.VISION, kind(tree, "model.vision_model.encoder.layers.23.mlp.dropout2"));
        assertEquals(ModuleKind.OTHER, kind(tree, "model.vision_model.encoder.layers.0.self_attn.q_norm"));
        assertEquals(ModuleKind.VISION, kind(tree, "model.aligner"));
        assertEquals(ModuleKind.SEQUENCE, kind(tree, "model.language_model.layers.23.mlp"));
        assertEquals(ModuleKind.OTHER, kind(tree, "model.language_model.rotary_emb"));
        assertEquals(ModuleKind.SEQUENCE, kind(tree, "lm_head"));
    }

    @Test
    void qkNormIsRejected() {
        ModelConfig config = ModelConfig.parse(
                "{\"model_type\": \"janus\", \"vision_config\": {\"use_qk_norm\": true}}", "test");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ADAPTER.listModules(config));

        assertTrue(error.getMessage().contains("use_qk_norm"), error.getMessage());
    }

    @Test
    void scaledRotaryIsRejected() {
        ModelConfig config = ModelConfig.parse("{\"model_type\": \"janus\", \"text_config\":"
                + " {\"rope_scaling\": {\"rope_type\": \"llama3\", \"factor\": 8.0}}}", "test");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ADAPTER.listModules(config));

        assertTrue(error.getMessage().contains("llama3"), error.getMessage());
    }

    private static ModuleKind kind(ModuleTree tree, String name) {
        return tree.find(name).orElseThrow().kind();
    }
}
