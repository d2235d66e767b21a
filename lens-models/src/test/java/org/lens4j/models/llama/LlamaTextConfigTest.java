package org.lens4j.models.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lens4j.core.module.ModuleInfo;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.blocks.internal.ModuleListing;

class LlamaTextConfigTest {

    @Test
    void emptySectionTakesLlamaDefaults() {
        LlamaTextConfig config = LlamaTextConfig.from(ModelConfig.parse("{}", "test"));

        assertEquals(DecoderVariant.LLAMA, config.variant());
        assertEquals(32000, config.vocabSize());
        assertEquals(11008, config.intermediateSize());
        assertEquals(32, config.numKeyValueHeads());
        assertEquals(128, config.headDim());
        assertEquals(1e-6, config.rmsNormEps());
        assertEquals(0, config.slidingWindow());
        assertEquals("LlamaDecoderLayer", config.typeName("DecoderLayer"));
    }

    @Test
    void mistralTakesItsOwnDefaults() {
        LlamaTextConfig config = LlamaTextConfig.from(ModelConfig.parse("{\"model_type\": \"mistral\"}", "test"));

        assertEquals(14336, config.intermediateSize());
        assertEquals(8, config.numKeyValueHeads());
        assertEquals(4096, config.slidingWindow());
        assertEquals("MistralRMSNorm", config.typeName("RMSNorm"));
    }

    @Test
    void explicitNullSlidingWindowMeansNone() {
        LlamaTextConfig config = LlamaTextConfig.from(
                ModelConfig.parse("{\"model_type\": \"mistral\", \"sliding_window\": null}", "test"));

        assertEquals(0, config.slidingWindow());
    }

    @Test
    void eosListTakesFirstId() {
        LlamaTextConfig config = LlamaTextConfig.from(
                ModelConfig.parse("{\"eos_token_id\": [128001, 128009]}", "test"));

        assertEquals(128001L, config.eosTokenId());
    }

    @Test
    void unsupportedModelTypeIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LlamaTextConfig.from(ModelConfig.parse("{\"model_type\": \"gpt2\"}", "test")));

        assertTrue(error.getMessage().contains("'gpt2'"), error.getMessage());
        assertTrue(error.getMessage().contains("llama, mistral"), error.getMessage());
    }

    @Test
    void headsMustDivideIntoGroups() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LlamaTextConfig.from(ModelConfig.parse(
                        "{\"num_attention_heads\": 6, \"num_key_value_heads\": 4, \"hidden_size\": 48}", "test")));

        assertTrue(error.getMessage().contains("num_key_value_heads 4"), error.getMessage());
    }

    @Test
    void linearRopeScalingDividesFrequencies() {
        RopeScaling scaling = RopeScaling.from(ModelConfig.parse(
                "{\"rope_scaling\": {\"type\": \"linear\", \"factor\": 4.0}}", "test"));

        assertArrayEquals(new float[] {0.25f, 0.025f}, scaling.scale(new float[] {1f, 0.1f}));
    }

    @Test
    void llama3RopeScalingSplitsByWavelength() {
        RopeScaling scaling = RopeScaling.from(ModelConfig.parse("{\"rope_scaling\": {\"rope_type\": \"llama3\","
                + " \"factor\": 8.0, \"low_freq_factor\": 1.0, \"high_freq_factor\": 4.0,"
                + " \"original_max_position_embeddings\": 8192}}", "test"));
        // Wavelength 2π/f: 6.3 (< 8192/4, kept), 62832 (> 8192, divided by 8), and 4096 (between:
        // smooth = (8192/4096 − 1)/(4 − 1) = 1/3, so f·((1 − 1/3)/8 + 1/3)).
        float medium = (float) (2 * Math.PI / 4096);

        float[] scaled = scaling.scale(new float[] {1f, 1e-4f, medium});

        assertEquals(1f, scaled[0]);
        assertEquals(1e-4f / 8, scaled[1], 1e-12);
        assertEquals(medium * (2.0 / 3 / 8 + 1.0 / 3), scaled[2], 1e-9);
    }

    @Test
    void unsupportedRopeScalingIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RopeScaling.from(ModelConfig.parse("{\"rope_scaling\": {\"type\": \"yarn\"}}", "test")));

        assertTrue(error.getMessage().contains("'yarn'"), error.getMessage());
    }

    @Test
    void qwen2TakesItsOwnDefaults() {
        LlamaTextConfig config = LlamaTextConfig.from(ModelConfig.parse("{\"model_type\": \"qwen2\"}", "test"));

        assertEquals(DecoderVariant.QWEN2, config.variant());
        assertEquals(151936, config.vocabSize());
        assertEquals(22016, config.intermediateSize());
        assertEquals(-1L, config.bosTokenId());
        assertEquals("Qwen2RMSNorm", config.typeName("RMSNorm"));
    }

    @Test
    void qwen2BiasesOnlyQueryKeyValue() {
        LlamaTextConfig config = LlamaTextConfig.from(
                ModelConfig.parse("{\"model_type\": \"qwen2\", \"attention_bias\": true}", "test"));

        assertTrue(config.variant().queryKeyValueBias());
        assertFalse(config.attentionBias());
    }

    @Test
    void qwen2SlidingWindowIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LlamaTextConfig.from(ModelConfig.parse(
                        "{\"model_type\": \"qwen2\", \"use_sliding_window\": true}", "test")));

        assertTrue(error.getMessage().contains("use_sliding_window"), error.getMessage());
    }

    @Test
    void newerLayoutListsNoLayerRotary() {
        LlamaTextConfig config = LlamaTextConfig.from(ModelConfig.parse("{\"num_hidden_layers\": 2,"
                + " \"hidden_size\": 16, \"num_attention_heads\": 2, \"intermediate_size\": 32}", "test"));
        ModuleListing older = new ModuleListing();
        ModuleListing newer = new ModuleListing();

        LlamaForCausalLM.list(older, "language_model", config);
        LlamaForCausalLM.list(newer, "language_model", config, DecoderLayout.TRANSFORMERS_4_51);

        List<String> olderNames = older.modules().stream().map(ModuleInfo::name).collect(Collectors.toList());
        List<String> newerNames = newer.modules().stream().map(ModuleInfo::name).collect(Collectors.toList());
        assertTrue(olderNames.contains("language_model.model.layers.1.self_attn.rotary_emb"));
        assertEquals(olderNames.stream().filter(name -> !name.endsWith("self_attn.rotary_emb"))
                .collect(Collectors.toList()), newerNames);
    }
}
