package org.lens4j.models.ayavision;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.util.Locale;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.siglip.internal.HiddenActivation;

/**
 * A {@code Cohere2Config}: the Command R7B decoder of Aya Vision, with parallel attention and MLP
 * branches fed by one bias-free LayerNorm, interleaved rotary positions on sliding-window layers
 * only, and scaled logits.
 *
 * @param vocabSize number of token ids
 * @param hiddenSize width of the residual stream
 * @param intermediateSize width of the gated MLP
 * @param numLayers decoder layers
 * @param numHeads query heads
 * @param numKeyValueHeads key/value heads ({@code numHeads} must be a multiple)
 * @param hiddenAct the MLP activation as {@code hidden_act} names it
 * @param layerNormEps epsilon of every LayerNorm
 * @param ropeTheta the rotary base
 * @param attentionBias whether the q/k/v/o projections have biases
 * @param tieWordEmbeddings whether {@code lm_head} reuses the token embedding matrix
 * @param slidingWindow the window of the sliding-window layers, in tokens
 * @param slidingLayers for each layer, whether it attends within the window (and uses rotary
 *     positions) instead of globally without positions
 * @param logitScale the factor applied to the logits after {@code lm_head}
 * @param bosTokenId begin-of-sequence id, or −1 when unset
 * @param eosTokenId end-of-sequence id, or −1 when unset
 * @param padTokenId padding id, or −1 when unset
 */
public record Cohere2TextConfig(
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numLayers,
        int numHeads,
        int numKeyValueHeads,
        String hiddenAct,
        double layerNormEps,
        double ropeTheta,
        boolean attentionBias,
        boolean tieWordEmbeddings,
        int slidingWindow,
        boolean[] slidingLayers,
        double logitScale,
        long bosTokenId,
        long eosTokenId,
        long padTokenId) {

    /** Validates the components and copies the layer flags. */
    public Cohere2TextConfig {
        if (vocabSize <= 0 || hiddenSize <= 0 || intermediateSize <= 0 || numLayers <= 0 || numHeads <= 0
                || numKeyValueHeads <= 0 || slidingWindow <= 0) {
            throw new IllegalArgumentException("decoder sizes must be positive: vocab_size=" + vocabSize
                    + ", hidden_size=" + hiddenSize + ", intermediate_size=" + intermediateSize
                    + ", num_hidden_layers=" + numLayers + ", num_attention_heads=" + numHeads
                    + ", num_key_value_heads=" + numKeyValueHeads + ", sliding_window=" + slidingWindow);
        }
        if (hiddenSize % numHeads != 0 || (hiddenSize / numHeads) % 2 != 0) {
            throw new IllegalArgumentException("hidden_size " + hiddenSize + " must split into num_attention_heads "
                    + numHeads + " heads of even size for rotary positions");
        }
        if (numHeads % numKeyValueHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads " + numHeads
                    + " is not a multiple of num_key_value_heads " + numKeyValueHeads);
        }
        if (slidingLayers.length != numLayers) {
            throw new IllegalArgumentException("layer_types names " + slidingLayers.length + " layers but"
                    + " num_hidden_layers is " + numLayers);
        }
        slidingLayers = slidingLayers.clone();
        HiddenActivation.fromConfig("text_config.hidden_act", hiddenAct);
    }

    /**
     * Reads a {@code cohere2} config section with the defaults of transformers' {@code Cohere2Config}
     * (4.50): vocabulary 256000, hidden 8192, MLP 22528, 40 layers, 64 heads, LayerNorm eps 1e-5,
     * θ 10000, window 4096 on every layer but each 4th, logit scale 0.0625, tied embeddings. The
     * head size is always {@code hidden_size / num_attention_heads}, as that version sets it.
     *
     * @throws IllegalArgumentException for a {@code rope_scaling} other than the default, a missing
     *     sliding window, or invalid sizes
     */
    public static Cohere2TextConfig from(ModelConfig section) {
        if (section.has("rope_scaling")) {
            ModelConfig scaling = section.section("rope_scaling");
            String type = scaling.getString("rope_type", scaling.getString("type", "default"));
            if (!"default".equals(type.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("unsupported text_config.rope_scaling type '" + type
                        + "'; only the default rotary frequencies are implemented");
            }
        }
        if (section.json().has("sliding_window") && !section.has("sliding_window")) {
            throw new IllegalArgumentException("text_config.sliding_window is null, which Cohere2 does not support;"
                    + " set the window size");
        }
        int heads = section.getInt("num_attention_heads", 64);
        int layers = section.getInt("num_hidden_layers", 40);
        return new Cohere2TextConfig(
                section.getInt("vocab_size", 256000),
                section.getInt("hidden_size", 8192),
                section.getInt("intermediate_size", 22528),
                layers,
                heads,
                section.getInt("num_key_value_heads", heads),
                section.getString("hidden_act", "silu"),
                section.getDouble("layer_norm_eps", 1e-5),
                section.getDouble("rope_theta", 10000.0),
                section.getBoolean("attention_bias", false),
                section.getBoolean("tie_word_embeddings", true),
                section.getInt("sliding_window", 4096),
                slidingLayers(section, layers),
                section.getDouble("logit_scale", 0.0625),
                tokenId(section, "bos_token_id", 5),
                tokenId(section, "eos_token_id", 255001),
                tokenId(section, "pad_token_id", 0));
    }

    @Override
    public boolean[] slidingLayers() {
        return slidingLayers.clone();
    }

    /** Returns whether layer {@code index} attends within the sliding window and uses rotary positions. */
    public boolean isSliding(int index) {
        return slidingLayers[index];
    }

    /** Returns the size of one attention head. */
    public int headDim() {
        return hiddenSize / numHeads;
    }

    /** Returns the MLP activation. */
    public HiddenActivation activation() {
        return HiddenActivation.fromConfig("text_config.hidden_act", hiddenAct);
    }

    /** Reads a token id that may be null (−1) or a list of ids (the first one counts). */
    private static long tokenId(ModelConfig section, String key, long fallback) {
        if (!section.has(key)) {
            return section.json().has(key) ? -1 : fallback;
        }
        JsonElement value = section.json().get(key);
        if (value.isJsonArray()) {
            JsonArray ids = value.getAsJsonArray();
            return ids.isEmpty() ? -1 : ids.get(0).getAsLong();
        }
        return section.getLong(key, fallback);
    }

    /** Reads {@code layer_types} when present, otherwise every {@code sliding_window_pattern}-th layer is global. */
    private static boolean[] slidingLayers(ModelConfig section, int layers) {
        boolean[] sliding = new boolean[layers];
        if (section.has("layer_types")) {
            JsonArray types = section.getArray("layer_types").orElseThrow();
            sliding = new boolean[types.size()];
            for (int i = 0; i < sliding.length; i++) {
                JsonElement type = types.get(i);
                String name = type.isJsonPrimitive() ? type.getAsString() : String.valueOf(type);
                if (!"sliding_attention".equals(name) && !"full_attention".equals(name)) {
                    throw new IllegalArgumentException("text_config.layer_types[" + i + "] is '" + name
                            + "'; expected sliding_attention or full_attention");
                }
                sliding[i] = "sliding_attention".equals(name);
            }
            return sliding;
        }
        int pattern = section.getInt("sliding_window_pattern", 4);
        if (pattern <= 0) {
            throw new IllegalArgumentException("text_config.sliding_window_pattern must be positive, got " + pattern);
        }
        for (int i = 0; i < layers; i++) {
            sliding[i] = (i + 1) % pattern != 0;
        }
        return sliding;
    }
}
