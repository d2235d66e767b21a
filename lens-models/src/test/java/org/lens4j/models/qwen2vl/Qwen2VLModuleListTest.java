package org.lens4j.models.qwen2vl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lens4j.core.module.LayoutAlias;
import org.lens4j.core.module.ModuleInfo;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.testing.Goldens;

class Qwen2VLModuleListTest {

    private static final String FULL_SIZE = "Qwen_Qwen2-VL-2B-Instruct";

    @ParameterizedTest
    @ValueSource(strings = {"qwen2_vl-single", "qwen2_vl-batch-leftpad", "qwen2_vl-bf16-sharded", "qwen2_5_vl-single"})
    void goldenConfigListsGoldenModules(String name) throws IOException {
        Path dir = SharedData.golden(name);

        ModuleTree tree = Qwen2VLModels.listModules(ModelConfig.read(dir));

        assertEquals(Goldens.moduleNames(dir), tree.names());
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwen2_vl-single", "qwen2_vl-batch-leftpad", "qwen2_5_vl-single"})
    void capturedModulesAreExactlyTheRunningOnes(String name) {
        Path dir = SharedData.golden(name);
        ModuleTree tree = Qwen2VLModels.listModules(ModelConfig.read(dir));
        Set<String> captured = Goldens.activations(dir).keySet();

        Set<String> running = tree.names().stream().filter(n -> tree.find(n).orElseThrow().runs())
                .filter(n -> !n.isEmpty()).collect(Collectors.toSet());

        assertEquals(captured, running);
    }

    @Test
    void fullSizeConfigListsCheckpointModules() throws IOException {
        ModelConfig config = ModelConfig.read(SharedData.reference("configs/" + FULL_SIZE + ".json"));
        List<String> expected = Files.readAllLines(SharedData.reference("module-lists/" + FULL_SIZE + ".txt"));

        List<String> names = Qwen2VLModels.listModules(config).names();

        assertEquals(730, names.size());
        assertEquals(expected, names);
    }

    @Test
    void tinyConfigHasFullSizeModules() throws IOException {
        List<String> expected = Files.readAllLines(SharedData.reference("module-lists/" + FULL_SIZE + ".txt"));

        assertEquals(expected, Qwen2VLModels.listModules(Qwen2VLModels.tinyConfig()).names());
    }

    @Test
    void moduleKindsFollowOutputLayout() {
        ModuleTree tree = Qwen2VLModels.listModules(Qwen2VLModels.tinyConfig());

        assertEquals(ModuleKind.VISION, kind(tree, "visual.blocks.15.norm2"));
        assertEquals(ModuleKind.VISION, kind(tree, "visual.merger.mlp.2"));
        assertEquals(ModuleKind.SEQUENCE, kind(tree, "model.layers.14.post_attention_layernorm"));
        assertEquals(ModuleKind.SEQUENCE, kind(tree, "lm_head"));
        assertEquals(ModuleKind.CONTAINER, kind(tree, "visual.blocks"));
        assertEquals(ModuleKind.CONTAINER, kind(tree, "model.layers"));
        assertEquals(ModuleKind.NEVER_RUNS, kind(tree, "model.layers.3.self_attn.rotary_emb"));
        assertEquals(ModuleKind.OTHER, kind(tree, "model.rotary_emb"));
        assertEquals(ModuleKind.OTHER, kind(tree, "visual.rotary_pos_emb"));
    }

    @Test
    void newLayoutPrefixesAreAliases() {
        ModuleTree tree = Qwen2VLModels.listModules(Qwen2VLModels.tinyConfig());

        List<LayoutAlias> aliases = tree.aliases();

        assertTrue(aliases.stream().anyMatch(a -> a.aliasPrefix().equals("model.visual.")
                && a.canonicalPrefix().equals("visual.")));
        assertTrue(aliases.stream().anyMatch(a -> a.aliasPrefix().equals("model.language_model.")
                && a.canonicalPrefix().equals("model.")));
    }

    @Test
    void newLayoutNamesSelectCanonicalModules() {
        ModuleTree tree = Qwen2VLModels.listModules(Qwen2VLModels.tinyConfig());

        assertEquals(List.of("visual.blocks.15.norm2"), tree.select(List.of("model.visual.blocks.15.norm2")));
        assertEquals(List.of("model.layers.14.post_attention_layernorm"),
                tree.select(List.of("model.language_model.layers.14.post_attention_layernorm")));
    }

    @Test
    void globsSelectOnRealDepth() {
        ModuleTree tree = Qwen2VLModels.listModules(Qwen2VLModels.tinyConfig());

        assertEquals(11, tree.select(List.of("model.layers.1*")).size());
        assertEquals(28, tree.select(List.of("model.layers.*.mlp")).size());
        assertEquals(List.of("visual.blocks.3.norm2", "visual.blocks.30.norm2", "visual.blocks.31.norm2"),
                tree.select(List.of("visual.blocks.3*.norm2")));
    }

    @Test
    void qwen25BlocksUseGatedMlpNames() {
        ModuleTree tree = Qwen2VLModels.listModules(ModelConfig.read(SharedData.golden("qwen2_5_vl-single")));

        assertTrue(tree.find("visual.blocks.0.mlp.gate_proj").isPresent());
        assertFalse(tree.find("visual.blocks.0.mlp.fc1").isPresent());
        assertEquals("Qwen2RMSNorm", tree.find("visual.merger.ln_q").map(ModuleInfo::type).orElseThrow());
    }

    @Test
    void configWithoutMropeSectionIsRejected() {
        ModelConfig config = ModelConfig.parse("{\"model_type\": \"qwen2_vl\", \"rope_scaling\": {\"type\": \"mrope\"}}",
                "test");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Qwen2VLModels.listModules(config));

        assertTrue(e.getMessage().contains("mrope_section"), e.getMessage());
    }

    @Test
    void otherModelTypeIsRejected() {
        ModelConfig config = ModelConfig.parse("{\"model_type\": \"llava\"}", "test");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Qwen2VLModels.listModules(config));

        assertTrue(e.getMessage().contains("llava"), e.getMessage());
    }

    private static ModuleKind kind(ModuleTree tree, String name) {
        return tree.find(name).map(ModuleInfo::kind).orElseThrow(() -> new AssertionError("no module " + name));
    }
}
