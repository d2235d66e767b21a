package org.lens4j.models.ayavision;

import java.util.Objects;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.internvl.internal.PixelShuffle;
import org.lens4j.models.siglip.SiglipVisionConfig;

/**
 * An {@code AyaVisionConfig}: a SigLIP vision tower, a pixel-shuffle SwiGLU projector and a Cohere2
 * decoder.
 *
 * @param vision the SigLIP tower
 * @param text the Cohere2 decoder
 * @param imageTokenId the id of the image placeholder token whose embeddings are replaced
 * @param downsampleFactor how many patches along each side merge into one image token
 * @param adapterLayerNormEps epsilon of the projector's LayerNorm
 * @param alignmentIntermediateSize width of the projector's first linear layer, split in half
 *     into the SwiGLU value and gate
 * @param visionFeatureLayer the tower hidden state the features come from, 0 being the
 *     embeddings and {@code i} the output of layer {@code i − 1}. Negative values count from the end
 *     (−1 is the last layer's output, before {@code post_layernorm})
 */
public record AyaVisionConfig(
        SiglipVisionConfig vision,
        Cohere2TextConfig text,
        long imageTokenId,
        int downsampleFactor,
        double adapterLayerNormEps,
        int alignmentIntermediateSize,
        int visionFeatureLayer) {

    /** Validates the components. */
    public AyaVisionConfig {
        Objects.requireNonNull(vision, "vision");
        Objects.requireNonNull(text, "text");
        int states = vision.numLayers() + 1;
        if (visionFeatureLayer < -states || visionFeatureLayer >= states) {
            throw new IllegalArgumentException("vision_feature_layer " + visionFeatureLayer + " is outside the "
                    + states + " hidden states of a " + vision.numLayers() + "-layer vision tower");
        }
        if (alignmentIntermediateSize <= 0 || alignmentIntermediateSize % 2 != 0) {
            throw new IllegalArgumentException("alignment_intermediate_size " + alignmentIntermediateSize
                    + " must be positive and even, because SwiGLU splits it in half");
        }
        PixelShuffle.checkFactor(downsampleFactor, vision.patchesPerSide());
    }

    /**
     * Reads {@code config.json} of an Aya Vision model, taking the defaults of transformers'
     * {@code AyaVisionConfig} (4.50) for absent keys: a SigLIP tower (hidden 1152, 26 layers, 14
     * heads, 384 px, patch 14, no head) when {@code vision_config} is absent, a default Cohere2
     * decoder when {@code text_config} is absent, image token 255036, factor 2, adapter eps 1e-6,
     * feature layer −1, strategy {@code full}, and the text hidden size as alignment width.
     *
     * @throws IllegalArgumentException when the tower is not SigLIP, the decoder not Cohere2, the
     *     feature layer a list, the strategy {@code default}, or a value is invalid
     */
    public static AyaVisionConfig from(ModelConfig config) {
        checkStrategy(config);
        if (config.has("vision_feature_layer") && config.json().get("vision_feature_layer").isJsonArray()) {
            throw new IllegalArgumentException("vision_feature_layer lists several layers in " + config.source()
                    + ", which is not supported; give one layer index");
        }
        Cohere2TextConfig text = Cohere2TextConfig.from(textSection(config));
        return new AyaVisionConfig(
                SiglipVisionConfig.siglip(visionSection(config)),
                text,
                config.getLong("image_token_index", config.getLong("image_token_id", 255036)),
                config.getInt("downsample_factor", 2),
                config.getDouble("adapter_layer_norm_eps", 1e-6),
                config.getInt("alignment_intermediate_size", text.hiddenSize()),
                config.getInt("vision_feature_layer", -1));
    }

    /** Returns the width of the pixel-shuffled features, {@code factor² × vision hidden}. */
    public int shuffledWidth() {
        return downsampleFactor * downsampleFactor * vision.hiddenSize();
    }

    /** Returns the number of image tokens one image yields. */
    public int tokensPerImage() {
        int side = vision.patchesPerSide() / downsampleFactor;
        return side * side;
    }

    /** Returns the hidden-state index of the feature layer, counted from 0. */
    public int featureLayerIndex() {
        return Math.floorMod(visionFeatureLayer, vision.numLayers() + 1);
    }

    private static void checkStrategy(ModelConfig config) {
        String strategy = config.getString("vision_feature_select_strategy", "full");
        if ("default".equals(strategy)) {
            // SigLIP has no class token, so "default" drops a patch and leaves a grid that cannot be shuffled.
            throw new IllegalArgumentException("vision_feature_select_strategy 'default' is not supported for Aya"
                    + " Vision: it drops the first SigLIP patch and the rest is no square grid; use 'full'");
        }
        if (!"full".equals(strategy)) {
            throw new IllegalArgumentException("unsupported vision_feature_select_strategy '" + strategy
                    + "'; expected 'full'");
        }
    }

    private static ModelConfig visionSection(ModelConfig config) {
        if (!config.has("vision_config")) {
            return ModelConfig.parse("{\"model_type\": \"siglip_vision_model\", \"hidden_size\": 1152,"
                    + " \"intermediate_size\": 4304, \"patch_size\": 14, \"image_size\": 384,"
                    + " \"num_hidden_layers\": 26, \"num_attention_heads\": 14, \"vision_use_head\": false}",
                    "AyaVisionConfig default vision_config");
        }
        ModelConfig section = config.section("vision_config");
        String type = section.getString("model_type", "clip_vision_model");
        if (!"siglip_vision_model".equals(type)) {
            throw new IllegalArgumentException("unsupported vision tower vision_config.model_type='" + type
                    + "'; Aya Vision supports siglip_vision_model");
        }
        return section;
    }

    private static ModelConfig textSection(ModelConfig config) {
        if (!config.has("text_config")) {
            return ModelConfig.parse("{}", "Cohere2Config defaults");
        }
        ModelConfig section = config.section("text_config");
        String type = section.getString("model_type", "llama");
        if (!"cohere2".equals(type)) {
            throw new IllegalArgumentException("unsupported language model text_config.model_type='" + type
                    + "'; Aya Vision supports cohere2");
        }
        return section;
    }
}
