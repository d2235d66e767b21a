package org.lens4j.models.llava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.ModelConfig;

class LlavaConfigTest {

    @Test
    void absentVisionConfigIsClipLarge336() {
        LlavaConfig config = LlavaConfig.from(ModelConfig.parse("{\"model_type\": \"llava\"}", "test"));

        assertEquals(336, config.vision().imageSize());
        assertEquals(14, config.vision().patchSize());
        assertEquals(24, config.vision().encoder().numLayers());
        assertEquals(576, config.tokensPerImage());
        assertEquals(32000L, config.imageTokenIndex());
        assertArrayEquals(new int[] {23}, config.featureLayerIndices());
    }

    @Test
    void fullSizeConfigReadsPublishedValues() {
        LlavaConfig config = LlavaConfig.from(ModelConfig.read(
                SharedData.reference("configs/llava-hf_llava-1.5-7b-hf.json")));

        assertEquals(32064, config.text().vocabSize());
        assertEquals(1e-5, config.text().rmsNormEps());
        assertEquals(32001L, config.padTokenId());
        assertEquals(576, config.tokensPerImage());
        assertTrue(config.dropsClassToken());
    }

    @Test
    void featureLayerListKeepsEveryLayer() {
        LlavaConfig config = LlavaConfig.from(ModelConfig.parse(
                "{\"vision_feature_layer\": [-2, -5, 3], \"vision_feature_select_strategy\": \"full\"}", "test"));

        assertArrayEquals(new int[] {23, 20, 3}, config.featureLayerIndices());
        assertFalse(config.dropsClassToken());
        assertEquals(577, config.tokensPerImage());
    }

    @Test
    void featureLayerBeyondTowerIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LlavaConfig.from(ModelConfig.parse("{\"vision_feature_layer\": -30}", "test")));

        assertTrue(error.getMessage().contains("vision_feature_layer -30"), error.getMessage());
    }

    @Test
    void siglipTowerIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LlavaConfig.from(ModelConfig.parse(
                        "{\"vision_config\": {\"model_type\": \"siglip_vision_model\"}}", "test")));

        assertTrue(error.getMessage().contains("siglip_vision_model"), error.getMessage());
    }

    @Test
    void unknownStrategyIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LlavaConfig.from(ModelConfig.parse("{\"vision_feature_select_strategy\": \"cls\"}", "test")));

        assertTrue(error.getMessage().contains("'cls'"), error.getMessage());
    }
}
