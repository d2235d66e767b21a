package org.lens4j.models.paligemma;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Set;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.gemma.DecoderConfig;
import org.lens4j.models.siglip.SiglipVisionConfig;

/**
 * A PaliGemma {@code config.json} with transformers' 4.47 defaults: a missing {@code vision_config}
 * is the So400m/14 tower at 224 px without a head, a missing {@code text_config} is Gemma-2B, and a
 * present section takes the defaults of its own config class.
 *
 * @param vision the SigLIP vision tower
 * @param text the Gemma decoder
 * @param projectionDim output width of the projector ({@code projection_dim})
 * @param imageTokenIndex the image placeholder id ({@code image_token_index})
 * @param bosTokenId the BOS id, which follows the image tokens
 * @param eosTokenId the EOS id
 * @param padTokenId the padding id
 */
public record PaliGemmaConfig(SiglipVisionConfig vision, DecoderConfig text, int projectionDim,
        long imageTokenIndex, long bosTokenId, long eosTokenId, long padTokenId) {

    /** Validates that the projector's output fits the decoder. */
    public PaliGemmaConfig {
        if (projectionDim != text.hiddenSize()) {
            throw new IllegalArgumentException("projection_dim " + projectionDim + " must equal the text hidden_size "
                    + text.hiddenSize() + ", because the projected image features replace token embeddings");
        }
    }

    /** Reads the configuration. */
    public static PaliGemmaConfig from(ModelConfig config) {
        int vocab = config.getInt("vocab_size", 257152);
        ModelConfig visionSection = config.has("vision_config")
                ? config.section("vision_config")
                : ModelConfig.of(defaultVision());
        ModelConfig textSection = config.has("text_config")
                ? config.section("text_config")
                : ModelConfig.of(defaultText(vocab));
        long bos = config.getLong("bos_token_id", textSection.getLong("bos_token_id", 2));
        long eos = config.getLong("eos_token_id", textSection.getLong("eos_token_id", 1));
        long pad = config.getLong("pad_token_id", textSection.getLong("pad_token_id", 0));
        return new PaliGemmaConfig(
                SiglipVisionConfig.siglip(visionSection),
                DecoderConfig.gemma(textSection),
                config.getInt("projection_dim", 2048),
                config.getLong("image_token_index", 256000),
                bos, eos, pad);
    }

    /** Returns the ids reported as special tokens: BOS, EOS and padding. */
    public Set<Long> specialTokenIds() {
        return Set.copyOf(List.of(bosTokenId, eosTokenId, padTokenId));
    }

    /** Returns the number of image tokens per image, one per patch. */
    public int tokensPerImage() {
        return vision.numPatches();
    }

    /**
     * Returns the divisor of the projected image features, {@code √text_hidden}: the decoder
     * multiplies every input embedding by √text_hidden, so image features enter at the projector's
     * scale.
     */
    public float imageFeatureDivisor() {
        return (float) Math.sqrt(text.hiddenSize());
    }

    private static JsonObject defaultVision() {
        JsonObject json = new JsonObject();
        json.addProperty("hidden_size", 1152);
        json.addProperty("intermediate_size", 4096);
        json.addProperty("patch_size", 14);
        json.addProperty("image_size", 224);
        json.addProperty("num_hidden_layers", 27);
        json.addProperty("num_attention_heads", 16);
        json.addProperty("vision_use_head", false);
        return json;
    }

    private static JsonObject defaultText(int vocab) {
        JsonObject json = new JsonObject();
        json.addProperty("hidden_size", 2048);
        json.addProperty("num_hidden_layers", 18);
        json.addProperty("intermediate_size", 16384);
        json.addProperty("num_attention_heads", 8);
        json.addProperty("num_key_value_heads", 1);
        json.addProperty("vocab_size", vocab);
        return json;
    }
}
