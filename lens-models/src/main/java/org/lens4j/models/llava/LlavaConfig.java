package org.lens4j.models.llava;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.util.Objects;
import java.util.Optional;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.llama.LlamaTextConfig;
import org.lens4j.models.vit.ClipVisionConfig;
import org.lens4j.models.vit.internal.HiddenAct;

/**
 * A {@code LlavaConfig} (also the shared part of {@code LlavaNextConfig}).
 *
 * @param vision the CLIP vision tower
 * @param text the language model
 * @param imageTokenIndex the id of the {@code <image>} placeholder token
 * @param padTokenId the padding id, or −1 when unset
 * @param projectorHiddenAct the projector activation ({@code projector_hidden_act})
 * @param visionFeatureLayers the hidden-state indices whose features are used. A negative index
 *     counts from the end, so −2 is the output of the second-to-last layer. Several layers are
 *     concatenated along the hidden axis.
 * @param visionFeatureSelectStrategy {@code "default"} drops the class token, {@code "full"} keeps it
 * @param projectorBias whether the projector's linear layers have biases
 */
public record LlavaConfig(
        ClipVisionConfig vision,
        LlamaTextConfig text,
        long imageTokenIndex,
        long padTokenId,
        String projectorHiddenAct,
        int[] visionFeatureLayers,
        String visionFeatureSelectStrategy,
        boolean projectorBias) {

    /** Validates the components and copies the layer indices. */
    public LlavaConfig {
        Objects.requireNonNull(vision, "vision");
        Objects.requireNonNull(text, "text");
        HiddenAct.fromConfig("projector_hidden_act", projectorHiddenAct);
        visionFeatureLayers = visionFeatureLayers.clone();
        int states = vision.encoder().numLayers() + 1;
        for (int layer : visionFeatureLayers) {
            if (layer < -states || layer >= states) {
                throw new IllegalArgumentException("vision_feature_layer " + layer + " is outside the "
                        + states + " hidden states of a " + (states - 1) + "-layer vision tower");
            }
        }
        if (!"default".equals(visionFeatureSelectStrategy) && !"full".equals(visionFeatureSelectStrategy)) {
            throw new IllegalArgumentException("unsupported vision_feature_select_strategy '"
                    + visionFeatureSelectStrategy + "'; expected 'default' or 'full'");
        }
    }

    /**
     * Reads {@code config.json} of a LLaVA or LLaVA-NeXT model, taking {@code LlavaConfig}'s
     * defaults (transformers 4.47) for absent keys: a CLIP ViT-L/14 at 336 px when
     * {@code vision_config} is absent, a default Llama when {@code text_config} is absent, image
     * token 32000, GELU projector, feature layer −2, strategy {@code default}.
     *
     * @throws IllegalArgumentException when the vision tower is not a CLIP vision model or a value is invalid
     */
    public static LlavaConfig from(ModelConfig config) {
        return new LlavaConfig(
                visionConfig(config),
                LlamaTextConfig.from(config.section("text_config")),
                config.getLong("image_token_index", config.getLong("image_token_id", 32000)),
                config.getLong("pad_token_id", -1),
                config.getString("projector_hidden_act", "gelu"),
                featureLayers(config),
                config.getString("vision_feature_select_strategy", "default"),
                config.getBoolean("multimodal_projector_bias", true));
    }

    @Override
    public int[] visionFeatureLayers() {
        return visionFeatureLayers.clone();
    }

    /** Returns the projector activation. */
    public HiddenAct projectorActivation() {
        return HiddenAct.fromConfig("projector_hidden_act", projectorHiddenAct);
    }

    /** Returns whether the class token is dropped from the image features. */
    public boolean dropsClassToken() {
        return "default".equals(visionFeatureSelectStrategy);
    }

    /** Returns the number of image features one tower image (or tile) yields. */
    public int tokensPerImage() {
        return vision.numPatches() + (dropsClassToken() ? 0 : 1);
    }

    /** Returns the hidden-state index of each feature layer, counted from 0. */
    public int[] featureLayerIndices() {
        int states = vision.encoder().numLayers() + 1;
        int[] out = new int[visionFeatureLayers.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = visionFeatureLayers[i] < 0 ? visionFeatureLayers[i] + states : visionFeatureLayers[i];
        }
        return out;
    }

    private static ClipVisionConfig visionConfig(ModelConfig config) {
        if (!config.has("vision_config")) {
            // LlavaConfig's built-in tower: CLIP ViT-L/14 at 336 px.
            return ClipVisionConfig.from(ModelConfig.parse("{\"hidden_size\": 1024, \"intermediate_size\": 4096,"
                    + " \"num_hidden_layers\": 24, \"num_attention_heads\": 16, \"image_size\": 336,"
                    + " \"patch_size\": 14, \"projection_dim\": 768}", "LlavaConfig default vision_config"));
        }
        ModelConfig section = config.section("vision_config");
        String type = section.getString("model_type", "clip_vision_model");
        if (!"clip_vision_model".equals(type)) {
            throw new IllegalArgumentException("unsupported vision tower vision_config.model_type='" + type
                    + "'; this family supports clip_vision_model");
        }
        return ClipVisionConfig.from(section);
    }

    private static int[] featureLayers(ModelConfig config) {
        Optional<JsonArray> list = config.has("vision_feature_layer") && isArray(config, "vision_feature_layer")
                ? config.getArray("vision_feature_layer") : Optional.empty();
        if (list.isPresent()) {
            int[] out = new int[list.get().size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = list.get().get(i).getAsInt();
            }
            if (out.length == 0) {
                throw new IllegalArgumentException("vision_feature_layer is an empty list; give at least one layer");
            }
            return out;
        }
        return new int[] {config.getInt("vision_feature_layer", -2)};
    }

    private static boolean isArray(ModelConfig config, String key) {
        JsonElement value = config.json().get(key);
        return value != null && value.isJsonArray();
    }
}
