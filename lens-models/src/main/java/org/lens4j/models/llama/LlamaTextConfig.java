package org.lens4j.models.llama;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.util.Objects;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.vit.internal.HiddenAct;

/**
 * The configuration of a Llama-style decoder ({@code text_config} of a LLaVA model, or a whole
 * {@code LlamaConfig}).
 *
 * @param variant the decoder family
 * @param vocabSize number of token ids
 * @param hiddenSize width of the residual stream
 * @param intermediateSize width of the gated MLP
 * @param numLayers decoder layers
 * @param numHeads query heads
 * @param numKeyValueHeads key/value heads ({@code numHeads} must be a multiple)
 * @param headDim size of one head
 * @param hiddenAct the MLP activation as {@code hidden_act} names it
 * @param rmsNormEps epsilon of every RMSNorm
 * @param ropeTheta the rotary base
 * @param ropeScaling the rotary scaling
 * @param attentionBias whether q/k/v/o projections have biases; a variant whose
 *     {@link DecoderVariant#queryKeyValueBias()} is set adds q/k/v biases either way
 * @param mlpBias whether the MLP projections have biases
 * @param tieWordEmbeddings whether {@code lm_head} reuses the token embedding matrix
 * @param slidingWindow the attention window in tokens, or 0 for none
 * @param bosTokenId begin-of-sequence id, or −1 when unset
 * @param eosTokenId end-of-sequence id, or −1 when unset
 */
public record LlamaTextConfig(
        DecoderVariant variant,
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numLayers,
        int numHeads,
        int numKeyValueHeads,
        int headDim,
        String hiddenAct,
        double rmsNormEps,
        double ropeTheta,
        RopeScaling ropeScaling,
        boolean attentionBias,
        boolean mlpBias,
        boolean tieWordEmbeddings,
        int slidingWindow,
        long bosTokenId,
        long eosTokenId) {

    /** Validates the components. */
    public LlamaTextConfig {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(ropeScaling, "ropeScaling");
        if (vocabSize <= 0 || hiddenSize <= 0 || intermediateSize <= 0 || numLayers <= 0 || numHeads <= 0
                || numKeyValueHeads <= 0 || headDim <= 0) {
            throw new IllegalArgumentException("decoder sizes must be positive: vocab_size=" + vocabSize
                    + ", hidden_size=" + hiddenSize + ", intermediate_size=" + intermediateSize
                    + ", num_hidden_layers=" + numLayers + ", num_attention_heads=" + numHeads
                    + ", num_key_value_heads=" + numKeyValueHeads + ", head_dim=" + headDim);
        }
        if (numHeads % numKeyValueHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads " + numHeads
                    + " is not a multiple of num_key_value_heads " + numKeyValueHeads);
        }
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("head_dim " + headDim + " must be even for rotary embeddings");
        }
        HiddenAct.fromConfig("hidden_act", hiddenAct);
    }

    /**
     * Reads a decoder config section, taking the defaults of the variant's transformers 4.47 config
     * class for absent keys. Llama: vocabulary 32000, hidden 4096, MLP 11008, 32 layers and heads,
     * RMSNorm eps 1e-6, θ 10000. Mistral differs in MLP 14336, 8 key/value heads and a 4096-token
     * sliding window. Qwen2 differs from Llama in vocabulary 151936, MLP 22016 and no default
     * BOS/EOS ids. A missing {@code model_type} means Llama, as in {@code LlavaConfig}.
     *
     * @throws IllegalArgumentException for an unsupported model type, invalid sizes, or a Qwen2
     *     config with {@code use_sliding_window} set (its per-layer windows are not implemented)
     */
    public static LlamaTextConfig from(ModelConfig section) {
        DecoderVariant variant = DecoderVariant.forModelType(section.getString("model_type", "llama"));
        boolean mistral = variant == DecoderVariant.MISTRAL;
        boolean qwen2 = variant == DecoderVariant.QWEN2;
        if (qwen2 && section.getBoolean("use_sliding_window", false)) {
            throw new IllegalArgumentException("Qwen2 text config " + section.source()
                    + " sets use_sliding_window=true, which is not supported; only full attention is implemented");
        }
        int hidden = section.getInt("hidden_size", 4096);
        int heads = section.getInt("num_attention_heads", 32);
        int kvHeads = section.getInt("num_key_value_heads", mistral ? 8 : heads);
        int defaultIntermediate = 11008;
        if (mistral) {
            defaultIntermediate = 14336;
        } else if (qwen2) {
            defaultIntermediate = 22016;
        }
        return new LlamaTextConfig(
                variant,
                section.getInt("vocab_size", qwen2 ? 151936 : 32000),
                hidden,
                section.getInt("intermediate_size", defaultIntermediate),
                section.getInt("num_hidden_layers", 32),
                heads,
                kvHeads,
                section.getInt("head_dim", heads > 0 ? hidden / heads : 0),
                section.getString("hidden_act", "silu"),
                section.getDouble("rms_norm_eps", 1e-6),
                section.getDouble("rope_theta", 10000.0),
                RopeScaling.from(section),
                !mistral && !qwen2 && section.getBoolean("attention_bias", false),
                !mistral && !qwen2 && section.getBoolean("mlp_bias", false),
                section.getBoolean("tie_word_embeddings", false),
                mistral ? slidingWindow(section) : 0,
                tokenId(section, "bos_token_id", qwen2 ? -1 : 1),
                tokenId(section, "eos_token_id", qwen2 ? -1 : 2));
    }

    /** Reads Mistral's window: absent means the 4096 default, an explicit null means none. */
    private static int slidingWindow(ModelConfig section) {
        if (section.has("sliding_window")) {
            return section.getInt("sliding_window", 0);
        }
        return section.json().has("sliding_window") ? 0 : 4096;
    }

    /** Reads a token id that may also be written as a list of ids (the first one counts). */
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

    /** Returns the MLP activation. */
    public HiddenAct activation() {
        return HiddenAct.fromConfig("hidden_act", hiddenAct);
    }

    /** Returns the transformers class name of a part, for example {@code typeName("RMSNorm")}. */
    public String typeName(String suffix) {
        return variant.classPrefix() + suffix;
    }
}
