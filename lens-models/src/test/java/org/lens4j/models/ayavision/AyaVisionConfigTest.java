package org.lens4j.models.ayavision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.ModelConfig;

class AyaVisionConfigTest {

    @Test
    void fullSizeConfigReadsPublishedValues() {
        AyaVisionConfig config = AyaVisionConfig.from(
                ModelConfig.read(SharedData.reference("configs/CohereLabs_aya-vision-8b.json")));

        assertEquals(169, config.tokensPerImage());
        assertEquals(4608, config.shuffledWidth());
        assertEquals(4096, config.alignmentIntermediateSize());
        assertEquals(128, config.text().headDim());
        assertEquals(0.25, config.text().logitScale());
    }

    @Test
    void everyFourthLayerIsGlobal() {
        Cohere2TextConfig text = Cohere2TextConfig.from(ModelConfig.parse("{\"num_hidden_layers\": 8}", "test"));

        assertArrayEquals(new boolean[] {true, true, true, false, true, true, true, false}, text.slidingLayers());
    }

    @Test
    void layerTypesOverridePattern() {
        Cohere2TextConfig text = Cohere2TextConfig.from(ModelConfig.parse("{\"num_hidden_layers\": 2,"
                + " \"sliding_window_pattern\": 2, \"layer_types\": [\"full_attention\", \"sliding_attention\"]}",
                "test"));

        assertArrayEquals(new boolean[] {false, true}, text.slidingLayers());
    }

    @Test
    void defaultStrategyIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> AyaVisionConfig.from(ModelConfig.parse(
                        "{\"vision_feature_select_strategy\": \"default\"}", "test")));

        assertTrue(error.getMessage().contains("'default'"), error.getMessage());
    }

    @Test
    void nonSiglipTowerIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> AyaVisionConfig.from(ModelConfig.parse("{\"vision_config\": {\"hidden_size\": 32}}", "test")));

        assertTrue(error.getMessage().contains("clip_vision_model"), error.getMessage());
    }

    @Test
    void scaledRopeIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Cohere2TextConfig.from(ModelConfig.parse(
                        "{\"rope_scaling\": {\"rope_type\": \"linear\", \"factor\": 2.0}}", "test")));

        assertTrue(error.getMessage().contains("'linear'"), error.getMessage());
    }
}
