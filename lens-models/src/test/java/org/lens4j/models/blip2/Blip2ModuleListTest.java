package org.lens4j.models.blip2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.lens4j.core.module.ModuleInfo;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.testing.Goldens;

class Blip2ModuleListTest {

    private static final String CASE = "blip2-single";
    private static final String FULL_SIZE = "Salesforce_blip2-opt-2.7b";

    private final Blip2Adapter adapter = new Blip2Adapter();

    @Test
    void goldenConfigListsGoldenModules() throws IOException {
        Path dir = SharedData.golden(CASE);

        ModuleTree tree = adapter.listModules(ModelConfig.read(dir));

        assertEquals(Goldens.moduleNames(dir), tree.names());
    }

    @Test
    void fullSizeConfigListsCheckpointModules() throws IOException {
        ModelConfig config = ModelConfig.read(SharedData.reference("configs/" + FULL_SIZE + ".json"));
        List<String> expected = Files.readAllLines(SharedData.reference("module-lists/" + FULL_SIZE + ".txt"));

        List<String> names = adapter.listModules(config).names();

        assertEquals(1078, names.size());
        assertEquals(expected, names);
    }

    /**
     * The reference records every module that runs and returns a tensor. Two differ: the root is
     * never recorded, and {@code language_model} returns a {@code CausalLMOutputWithPast}, which
     * the reference's capture skips; both report the logits here.
     */
    @Test
    void runnableModulesAreRecordedOnes() {
        Path dir = SharedData.golden(CASE);
        ModuleTree tree = adapter.listModules(ModelConfig.read(dir));
        Set<String> recorded = new TreeSet<>(Goldens.activations(dir).keySet());
        recorded.add("language_model");

        Set<String> runnable = new TreeSet<>();
        for (String name : tree.names()) {
            if (!name.isEmpty() && tree.find(name).orElseThrow().runs()) {
                runnable.add(name);
            }
        }

        assertEquals(recorded, runnable);
    }

    @Test
    void moduleKindsFollowOutputLayout() {
        ModuleTree tree = fullSize();

        assertEquals(ModuleKind.VISION, kind(tree, "vision_model.encoder.layers.38.mlp"));
        assertEquals(ModuleKind.VISION, kind(tree, "vision_model.post_layernorm"));
        assertEquals(ModuleKind.VISION, kind(tree, "qformer.encoder.layer.11.output_query"));
        assertEquals(ModuleKind.VISION, kind(tree, "language_projection"));
        assertEquals(ModuleKind.OTHER, kind(tree, "vision_model.embeddings.patch_embedding"));
        assertEquals(ModuleKind.OTHER, kind(tree, "vision_model.encoder.layers.0.self_attn.dropout"));
        assertEquals(ModuleKind.OTHER, kind(tree, "qformer.encoder.layer.0.crossattention.attention.dropout"));
        assertEquals(ModuleKind.OTHER, kind(tree, "language_model.model.decoder.embed_tokens"));
        assertEquals(ModuleKind.OTHER, kind(tree, "language_model.model.decoder.layers.3.fc1"));
        assertEquals(ModuleKind.SEQUENCE, kind(tree, "language_model.model.decoder.layers.3"));
        assertEquals(ModuleKind.SEQUENCE, kind(tree, "language_model.model.decoder.embed_positions"));
        assertEquals(ModuleKind.SEQUENCE, kind(tree, "language_model.lm_head"));
        assertEquals(ModuleKind.NEVER_RUNS, kind(tree, "language_model.model"));
        assertEquals(ModuleKind.CONTAINER, kind(tree, "vision_model.encoder.layers"));
        assertEquals(ModuleKind.CONTAINER, kind(tree, "qformer.encoder.layer"));
        assertEquals(ModuleKind.CONTAINER, kind(tree, "language_model.model.decoder.layers"));
    }

    @Test
    void crossAttentionOnlyInEvenLayers() {
        ModuleTree tree = fullSize();

        assertTrue(tree.find("qformer.encoder.layer.10.crossattention").isPresent());
        assertFalse(tree.find("qformer.encoder.layer.11.crossattention").isPresent());
    }

    @Test
    void imageTokenConfigMakesEmbeddingsSequence() {
        ModelConfig config = ModelConfig.parse("{\"model_type\": \"blip-2\", \"image_token_index\": 50265}", "test");

        assertEquals(ModuleKind.SEQUENCE, kind(adapter.listModules(config), "language_model.model.decoder.embed_tokens"));
    }

    @Test
    void globsSelectOnRealDepth() {
        ModuleTree tree = fullSize();

        assertEquals(39, tree.select(List.of("vision_model.encoder.layers.*")).size());
        assertEquals(6, tree.select(List.of("qformer.encoder.layer.*.crossattention")).size());
        assertEquals(List.of("language_model.model.decoder.layers.3.fc2", "language_model.model.decoder.layers.30.fc2",
                "language_model.model.decoder.layers.31.fc2"),
                tree.select(List.of("language_model.model.decoder.layers.3*.fc2")));
    }

    @Test
    void treeHasNoLayoutAliases() {
        assertTrue(fullSize().aliases().isEmpty());
    }

    private ModuleTree fullSize() {
        return adapter.listModules(ModelConfig.read(SharedData.reference("configs/" + FULL_SIZE + ".json")));
    }

    private static ModuleKind kind(ModuleTree tree, String name) {
        return tree.find(name).map(ModuleInfo::kind).orElseThrow(() -> new AssertionError("no module " + name));
    }
}
