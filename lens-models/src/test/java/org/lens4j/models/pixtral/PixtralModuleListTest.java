package org.lens4j.models.pixtral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
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

class PixtralModuleListTest {

    private static final String FULL_SIZE = "mistralai_Pixtral-12B-2409";

    private final PixtralAdapter adapter = new PixtralAdapter();

    @Test
    void goldenConfigListsGoldenModules() throws IOException {
        Path dir = SharedData.golden(PixtralGoldenParityTest.CASE);

        ModuleTree tree = adapter.listModules(ModelConfig.read(dir));

        assertEquals(Goldens.moduleNames(dir), tree.names());
    }

    /**
     * The reference records every module that runs and returns a tensor, except the root and
     * {@code language_model}, whose {@code CausalLMOutputWithPast} it skips; both report the logits
     * here.
     */
    @Test
    void runnableModulesAreRecordedOnes() {
        Path dir = SharedData.golden(PixtralGoldenParityTest.CASE);
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
    void fullSizeParamsListCheckpointModules() throws IOException {
        List<String> expected = Files.readAllLines(SharedData.reference("module-lists/" + FULL_SIZE + ".txt"));

        List<String> names = adapter.listModules(pixtral12bParams()).names();

        assertEquals(782, names.size());
        assertEquals(expected, names);
    }

    @Test
    void mistralKindsFollowOutputLayout() {
        ModuleTree tree = adapter.listModules(pixtral12bParams());

        assertEquals(ModuleKind.VISION, kind(tree, "vision_encoder.transformer.layers.23.feed_forward"));
        assertEquals(ModuleKind.VISION, kind(tree, "vision_language_adapter.w_out"));
        assertEquals(ModuleKind.OTHER, kind(tree, "vision_encoder.patch_conv"));
        assertEquals(ModuleKind.SEQUENCE, kind(tree, "layers.39.ffn_norm"));
        assertEquals(ModuleKind.SEQUENCE, kind(tree, "tok_embeddings"));
        assertEquals(ModuleKind.SEQUENCE, kind(tree, "output"));
        assertEquals(ModuleKind.CONTAINER, kind(tree, "layers"));
        assertEquals(ModuleKind.CONTAINER, kind(tree, "vision_encoder.transformer.layers"));
    }

    @Test
    void huggingFaceKindsFollowOutputLayout() {
        ModuleTree tree = adapter.listModules(ModelConfig.read(SharedData.golden(PixtralGoldenParityTest.CASE)));

        assertEquals(ModuleKind.VISION, kind(tree, "vision_tower.transformer.layers.1.ffn_norm"));
        assertEquals(ModuleKind.VISION, kind(tree, "multi_modal_projector"));
        assertEquals(ModuleKind.OTHER, kind(tree, "vision_tower.patch_conv"));
        assertEquals(ModuleKind.OTHER, kind(tree, "vision_tower.patch_positional_embedding"));
        assertEquals(ModuleKind.OTHER, kind(tree, "language_model.model.rotary_emb"));
        assertEquals(ModuleKind.SEQUENCE, kind(tree, "language_model.model.layers.1.mlp.act_fn"));
        assertEquals(ModuleKind.CONTAINER, kind(tree, "language_model.model.layers"));
    }

    @Test
    void newLayoutNamesSelectCanonicalModules() {
        ModuleTree tree = adapter.listModules(ModelConfig.read(SharedData.golden(PixtralGoldenParityTest.CASE)));

        assertEquals(List.of("vision_tower.transformer.layers.1"),
                tree.select(List.of("model.vision_tower.transformer.layers.1")));
        assertEquals(List.of("language_model.model.layers.0.mlp"),
                tree.select(List.of("model.language_model.layers.0.mlp")));
        assertEquals(List.of("multi_modal_projector.linear_2"), tree.select(List.of("model.multi_modal_projector.linear_2")));
        assertEquals(List.of("language_model.lm_head"), tree.select(List.of("lm_head")));
    }

    @Test
    void globsSelectOnRealDepth() {
        ModuleTree tree = adapter.listModules(pixtral12bParams());

        assertEquals(40, tree.select(List.of("layers.*")).size());
        assertEquals(24, tree.select(List.of("vision_encoder.transformer.layers.*.attention.wq")).size());
        assertEquals(List.of("layers.3.ffn_norm", "layers.30.ffn_norm", "layers.31.ffn_norm", "layers.32.ffn_norm",
                "layers.33.ffn_norm", "layers.34.ffn_norm", "layers.35.ffn_norm", "layers.36.ffn_norm",
                "layers.37.ffn_norm", "layers.38.ffn_norm", "layers.39.ffn_norm"),
                tree.select(List.of("layers.3*.ffn_norm")));
    }

    @Test
    void patchMergerParamsAreRejected() {
        JsonObject params = pixtral12bParams().json();
        params.getAsJsonObject("vision_encoder").addProperty("mm_projector_id", "patch_merge");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> adapter.listModules(ModelConfig.of(params)));

        assertTrue(e.getMessage().contains("patch merger"), e.getMessage());
    }

    @Test
    void llamaTextConfigIsRejected() {
        JsonObject config = ModelConfig.read(SharedData.golden(PixtralGoldenParityTest.CASE)).json();
        config.getAsJsonObject("text_config").addProperty("model_type", "llama");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> adapter.listModules(ModelConfig.of(config)));

        assertTrue(e.getMessage().contains("'llama'"), e.getMessage());
        assertTrue(e.getMessage().contains("Mistral"), e.getMessage());
    }

    /**
     * Returns the {@code params.json} of mistralai/Pixtral-12B-2409: a 40-layer, 5120-wide decoder
     * with 32 query and 8 key/value heads of size 128, and a 24-layer, 1024-wide vision encoder
     * with 16-pixel patches up to 1024 pixels.
     */
    static ModelConfig pixtral12bParams() {
        return ModelConfig.parse("""
                {"dim": 5120, "n_layers": 40, "head_dim": 128, "hidden_dim": 14336, "n_heads": 32,
                 "n_kv_heads": 8, "rope_theta": 1000000000.0, "norm_eps": 1e-05, "vocab_size": 131072,
                 "vision_encoder": {"hidden_size": 1024, "num_channels": 3, "image_size": 1024, "patch_size": 16,
                  "rope_theta": 10000.0, "intermediate_size": 4096, "num_hidden_layers": 24,
                  "num_attention_heads": 16, "image_token_id": 10, "image_break_token_id": 12,
                  "image_end_token_id": 13, "adapter_bias": true}}
                """, "Pixtral-12B-2409 params.json");
    }

    private static ModuleKind kind(ModuleTree tree, String name) {
        return tree.find(name).map(ModuleInfo::kind).orElseThrow(() -> new AssertionError("no module " + name));
    }
}
