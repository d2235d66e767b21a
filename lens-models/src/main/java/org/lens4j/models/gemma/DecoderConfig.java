package org.lens4j.models.gemma;

import org.lens4j.models.ModelConfig;
import org.lens4j.models.siglip.internal.HiddenActivation;

/**
 * The settings of a Gemma or Llama-architecture decoder, read from a {@code text_config} section
 * with transformers' defaults for its {@code model_type}.
 *
 * @param flavor which layer details and module names apply
 * @param vocabSize number of token embeddings
 * @param hiddenSize width of the residual stream
 * @param intermediateSize width of the gated MLP
 * @param numLayers number of decoder layers
 * @param numHeads number of query heads
 * @param numKeyValueHeads number of key/value heads (1 for multi-query attention)
 * @param headSize width of one head, which need not be {@code hiddenSize / numHeads}
 * @param rmsNormEps RMSNorm epsilon
 * @param ropeTheta rotary base
 * @param activation the MLP activation
 * @param attentionBias whether the query, key, value and output projections have biases
 * @param mlpBias whether the MLP projections have biases
 * @param tieWordEmbeddings whether the output head reuses the input embedding
 */
public record DecoderConfig(
        Flavor flavor,
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numLayers,
        int numHeads,
        int numKeyValueHeads,
        int headSize,
        double rmsNormEps,
        double ropeTheta,
        HiddenActivation activation,
        boolean attentionBias,
        boolean mlpBias,
        boolean tieWordEmbeddings) {

    /** The two decoders this package runs. */
    public enum Flavor {
        /**
         * Gemma as transformers 4.47 builds it: RMSNorm scale {@code 1 + w}, embeddings multiplied
         * by √hidden, a {@code rotary_emb} module in every attention layer.
         */
        GEMMA,
        /**
         * Llama as transformers ≥ 4.52 builds it: RMSNorm scale {@code w}, unscaled embeddings, one
         * model-level {@code rotary_emb} module.
         */
        LLAMA
    }

    /** Validates the settings. */
    public DecoderConfig {
        if (numHeads <= 0 || numKeyValueHeads <= 0 || numHeads % numKeyValueHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads " + numHeads
                    + " must be a positive multiple of num_key_value_heads " + numKeyValueHeads);
        }
        if (headSize <= 0 || headSize % 2 != 0) {
            throw new IllegalArgumentException("head_dim " + headSize + " must be positive and even for rotary"
                    + " embeddings");
        }
        if (vocabSize <= 0 || hiddenSize <= 0 || intermediateSize <= 0 || numLayers < 0) {
            throw new IllegalArgumentException("vocab_size " + vocabSize + ", hidden_size " + hiddenSize
                    + ", intermediate_size " + intermediateSize + " and num_hidden_layers " + numLayers
                    + " must be positive");
        }
    }

    /**
     * Reads a {@code gemma} section with {@code GemmaConfig}'s defaults (transformers 4.47).
     *
     * @throws IllegalArgumentException when {@code model_type} names another decoder, such as
     *     {@code gemma2}
     */
    public static DecoderConfig gemma(ModelConfig text) {
        String type = text.getString("model_type", "gemma");
        if (!type.equals("gemma")) {
            throw new IllegalArgumentException("text_config.model_type '" + type + "' is not supported; only"
                    + " 'gemma' decoders run here (PaliGemma 2's gemma2 is not implemented)");
        }
        String act = text.has("hidden_activation")
                ? text.getString("hidden_activation", "gelu_pytorch_tanh")
                : text.getString("hidden_act", "gelu_pytorch_tanh");
        return new DecoderConfig(Flavor.GEMMA,
                text.getInt("vocab_size", 256000),
                text.getInt("hidden_size", 3072),
                text.getInt("intermediate_size", 24576),
                text.getInt("num_hidden_layers", 28),
                text.getInt("num_attention_heads", 16),
                text.getInt("num_key_value_heads", 16),
                text.getInt("head_dim", 256),
                text.getDouble("rms_norm_eps", 1e-6),
                text.getDouble("rope_theta", 10000.0),
                HiddenActivation.fromConfig("text_config.hidden_activation", act),
                text.getBoolean("attention_bias", false),
                false,
                text.getBoolean("tie_word_embeddings", true));
    }

    /**
     * Reads a {@code llama} section with {@code LlamaConfig}'s defaults.
     *
     * @throws IllegalArgumentException when {@code model_type} is not {@code llama} or
     *     {@code rope_scaling} requests a scaled rotary embedding
     */
    public static DecoderConfig llama(ModelConfig text) {
        String type = text.getString("model_type", "llama");
        if (!type.equals("llama")) {
            throw new IllegalArgumentException("text_config.model_type '" + type + "' is not supported; only"
                    + " 'llama' decoders run here");
        }
        if (text.has("rope_scaling")) {
            String ropeType = text.section("rope_scaling").getString("rope_type",
                    text.section("rope_scaling").getString("type", "default"));
            if (!ropeType.equals("default")) {
                throw new IllegalArgumentException("text_config.rope_scaling type '" + ropeType
                        + "' is not supported; only the default rotary embedding is implemented");
            }
        }
        int hidden = text.getInt("hidden_size", 4096);
        int heads = text.getInt("num_attention_heads", 32);
        return new DecoderConfig(Flavor.LLAMA,
                text.getInt("vocab_size", 32000),
                hidden,
                text.getInt("intermediate_size", 11008),
                text.getInt("num_hidden_layers", 32),
                heads,
                text.getInt("num_key_value_heads", heads),
                text.getInt("head_dim", hidden / heads),
                text.getDouble("rms_norm_eps", 1e-6),
                text.getDouble("rope_theta", 10000.0),
                HiddenActivation.fromConfig("text_config.hidden_act", text.getString("hidden_act", "silu")),
                text.getBoolean("attention_bias", false),
                text.getBoolean("mlp_bias", false),
                text.getBoolean("tie_word_embeddings", false));
    }
}
