package org.lens4j.models.internvl;

import com.google.gson.JsonObject;
import java.util.Objects;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.internvl.internal.PixelShuffle;
import org.lens4j.models.llama.LlamaTextConfig;
import org.lens4j.models.vit.internal.HiddenAct;

/**
 * An {@code InternVLConfig} of the transformers-native layout ({@code InternVLForConditionalGeneration}).
 *
 * @param vision the InternViT tower
 * @param useMeanPooling the tower's {@code use_mean_pooling}: when set its final {@code layernorm}
 *     is an identity
 * @param text the language model (Qwen2 or Llama)
 * @param imageTokenId the id of the image placeholder token whose embeddings are replaced
 * @param downsampleRatio the pixel-shuffle ratio, where 0.5 merges 2×2 patches into one token
 * @param projectorHiddenAct the projector activation ({@code projector_hidden_act})
 * @param visionFeatureLayer the tower hidden state the features come from: −1 is the tower
 *     output after its final norm, and any other index counts hidden states from the embeddings (0)
 * @param visionFeatureSelectStrategy {@code "default"} drops the class token, {@code "full"} keeps it
 */
public record InternVLConfig(
        InternVisionConfig vision,
        boolean useMeanPooling,
        LlamaTextConfig text,
        long imageTokenId,
        double downsampleRatio,
        String projectorHiddenAct,
        int visionFeatureLayer,
        String visionFeatureSelectStrategy) {

    /** Validates the components. */
    public InternVLConfig {
        Objects.requireNonNull(vision, "vision");
        Objects.requireNonNull(text, "text");
        HiddenAct.fromConfig("projector_hidden_act", projectorHiddenAct);
        int states = vision.numLayers() + 1;
        if (visionFeatureLayer < -states || visionFeatureLayer >= states) {
            throw new IllegalArgumentException("vision_feature_layer " + visionFeatureLayer + " is outside the "
                    + states + " hidden states of a " + vision.numLayers() + "-layer vision tower");
        }
        if (!"default".equals(visionFeatureSelectStrategy)) {
            // "full" keeps the class token, so the feature count is no square grid to pixel-shuffle.
            throw new IllegalArgumentException("unsupported vision_feature_select_strategy '"
                    + visionFeatureSelectStrategy + "'; InternVL pixel-shuffles the patch grid, which needs 'default'");
        }
        PixelShuffle.factor(downsampleRatio, vision.patchesPerSide());
    }

    /**
     * Reads {@code config.json} of a transformers-native InternVL model, taking the defaults of
     * transformers' {@code InternVLConfig} for absent keys: InternViT-300M at 448 px, a Qwen2 text
     * model when {@code text_config} names no {@code model_type}, image token 151667, ratio 0.5,
     * GELU projector, feature layer −1, strategy {@code default}.
     *
     * @throws IllegalArgumentException when a value is invalid or the text model type is unsupported
     */
    public static InternVLConfig from(ModelConfig config) {
        ModelConfig vision = config.section("vision_config");
        return new InternVLConfig(
                InternVisionConfig.fromNative(vision),
                vision.getBoolean("use_mean_pooling", true),
                LlamaTextConfig.from(textSection(config)),
                config.getLong("image_token_id", 151667),
                config.getDouble("downsample_ratio", 0.5),
                config.getString("projector_hidden_act", "gelu"),
                config.getInt("vision_feature_layer", -1),
                config.getString("vision_feature_select_strategy", "default"));
    }

    /** Returns how many patches along each side merge into one token (2 for a ratio of 0.5). */
    public int shuffleFactor() {
        return PixelShuffle.factor(downsampleRatio, vision.patchesPerSide());
    }

    /** Returns the number of image tokens one tile yields. */
    public int tokensPerTile() {
        int side = vision.patchesPerSide() / shuffleFactor();
        return side * side;
    }

    /** Returns the projector activation. */
    public HiddenAct projectorActivation() {
        return HiddenAct.fromConfig("projector_hidden_act", projectorHiddenAct);
    }

    private static ModelConfig textSection(ModelConfig config) {
        JsonObject text = config.section("text_config").json();
        if (!text.has("model_type") || text.get("model_type").isJsonNull()) {
            text.addProperty("model_type", "qwen2");
        }
        return ModelConfig.parse(text.toString(), config.source() + "#text_config");
    }
}
