package org.lens4j.models.blip2.internal;

import java.util.Locale;
import java.util.OptionalLong;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.blocks.Activation;

/**
 * The settings of a BLIP-2 checkpoint with an OPT language model, read from {@code config.json}
 * with the defaults of transformers 4.47 ({@code Blip2VisionConfig}, {@code Blip2QFormerConfig},
 * {@code OPTConfig}).
 *
 * @param vision the EVA vision encoder
 * @param qformer the querying transformer
 * @param text the OPT decoder
 * @param queryTokens number of learned queries ({@code num_query_tokens})
 * @param imageToken the id of the placeholder that the projected queries replace
 *     ({@code image_token_index}); empty when the queries are prepended to the text instead
 */
public record Blip2Config(Vision vision, QFormer qformer, Opt text, int queryTokens, OptionalLong imageToken) {

    /** The {@code model_type} of BLIP-2 checkpoints. */
    public static final String MODEL_TYPE = "blip-2";

    /**
     * Vision encoder settings.
     *
     * @param hidden width
     * @param intermediate MLP inner width
     * @param layers encoder layers
     * @param heads attention heads
     * @param imageSize input side in pixels
     * @param patchSize patch side in pixels
     * @param activation MLP activation
     * @param layerNormEps LayerNorm epsilon
     * @param qkvBias whether the fused qkv projection has query and value biases
     */
    public record Vision(int hidden, int intermediate, int layers, int heads, int imageSize, int patchSize,
            Activation activation, double layerNormEps, boolean qkvBias) {

        /** Returns the head size. */
        public int headSize() {
            return hidden / heads;
        }

        /** Returns the patches per image side. */
        public int patchesPerSide() {
            return imageSize / patchSize;
        }

        /** Returns the sequence length: one class token plus the patches. */
        public int tokens() {
            return patchesPerSide() * patchesPerSide() + 1;
        }
    }

    /**
     * Q-Former settings.
     *
     * @param hidden width
     * @param intermediate feed-forward inner width
     * @param layers layers
     * @param heads attention heads
     * @param activation feed-forward activation
     * @param layerNormEps LayerNorm epsilon
     * @param crossAttentionFrequency layer {@code i} has cross-attention when {@code i} is a multiple of it
     * @param encoderHidden width of the image features the cross-attention reads (the vision width)
     */
    public record QFormer(int hidden, int intermediate, int layers, int heads, Activation activation,
            double layerNormEps, int crossAttentionFrequency, int encoderHidden) {

        /** Returns the head size. */
        public int headSize() {
            return hidden / heads;
        }

        /** Returns whether layer {@code index} has a cross-attention block. */
        public boolean hasCrossAttention(int index) {
            return index % crossAttentionFrequency == 0;
        }
    }

    /**
     * OPT decoder settings.
     *
     * @param vocab vocabulary size
     * @param hidden width
     * @param ffn feed-forward inner width
     * @param layers decoder layers
     * @param heads attention heads
     * @param maxPositions learned positions (the table has two more rows, see {@code OptDecoder})
     * @param wordEmbedProjDim width of the token embeddings; {@code project_in} and
     *     {@code project_out} exist when it differs from {@code hidden}
     * @param layerNormBefore pre-LN ({@code do_layer_norm_before}) or post-LN layers
     * @param finalLayerNorm whether the decoder has a {@code final_layer_norm}
     * @param activation feed-forward activation
     * @param bias whether projections and feed-forward layers have biases ({@code enable_bias})
     * @param tieWordEmbeddings whether {@code lm_head} reuses the token embeddings
     * @param bos begin-of-sequence id
     * @param eos end-of-sequence id
     * @param pad padding id
     */
    public record Opt(int vocab, int hidden, int ffn, int layers, int heads, int maxPositions, int wordEmbedProjDim,
            boolean layerNormBefore, boolean finalLayerNorm, Activation activation, boolean bias,
            boolean tieWordEmbeddings, long bos, long eos, long pad) {

        /** Returns the head size. */
        public int headSize() {
            return hidden / heads;
        }

        /** Returns whether token embeddings are projected to and from the decoder width. */
        public boolean projects() {
            return wordEmbedProjDim != hidden;
        }
    }

    /**
     * Reads the configuration.
     *
     * @throws IllegalArgumentException when {@code model_type} is not {@code blip-2}, the language
     *     model is not OPT, or a width is not a multiple of its head count
     */
    public static Blip2Config from(ModelConfig config) {
        String type = config.modelType().orElse("");
        if (!MODEL_TYPE.equals(type)) {
            throw new IllegalArgumentException(config.source() + " has model_type '" + type
                    + "' but the BLIP-2 adapter needs '" + MODEL_TYPE + "'");
        }
        Vision vision = vision(config.section("vision_config"));
        QFormer qformer = qformer(config.section("qformer_config"), vision.hidden());
        Opt text = opt(config.section("text_config"));
        int queries = config.getInt("num_query_tokens", 32);
        OptionalLong imageToken = config.has("image_token_index")
                ? OptionalLong.of(config.getLong("image_token_index", -1))
                : OptionalLong.empty();
        return new Blip2Config(vision, qformer, text, queries, imageToken);
    }

    private static Vision vision(ModelConfig c) {
        Vision vision = new Vision(c.getInt("hidden_size", 1408), c.getInt("intermediate_size", 6144),
                c.getInt("num_hidden_layers", 39), c.getInt("num_attention_heads", 16), c.getInt("image_size", 224),
                c.getInt("patch_size", 14), Activation.fromHiddenAct(c.getString("hidden_act", "gelu")),
                c.getDouble("layer_norm_eps", 1e-6), c.getBoolean("qkv_bias", true));
        requireDivisible(c, "hidden_size", vision.hidden(), vision.heads());
        return vision;
    }

    private static QFormer qformer(ModelConfig c, int visionHidden) {
        // Blip2Config overwrites the Q-Former's encoder_hidden_size with the vision width.
        QFormer qformer = new QFormer(c.getInt("hidden_size", 768), c.getInt("intermediate_size", 3072),
                c.getInt("num_hidden_layers", 12), c.getInt("num_attention_heads", 12),
                Activation.fromHiddenAct(c.getString("hidden_act", "gelu")), c.getDouble("layer_norm_eps", 1e-12),
                c.getInt("cross_attention_frequency", 2), visionHidden);
        requireDivisible(c, "hidden_size", qformer.hidden(), qformer.heads());
        if (qformer.crossAttentionFrequency() < 1) {
            throw new IllegalArgumentException(c.source() + ": cross_attention_frequency must be >= 1, got "
                    + qformer.crossAttentionFrequency());
        }
        return qformer;
    }

    private static Opt opt(ModelConfig c) {
        String type = c.modelType().orElse("opt");
        if (!"opt".equals(type.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(c.source() + ": language model type '" + type
                    + "' is not supported; the BLIP-2 adapter runs OPT language models only");
        }
        if (!c.getBoolean("layer_norm_elementwise_affine", true)) {
            throw new IllegalArgumentException(c.source() + ": layer_norm_elementwise_affine=false is not"
                    + " supported; the BLIP-2 adapter needs LayerNorms with weights");
        }
        int hidden = c.getInt("hidden_size", 768);
        boolean before = c.getBoolean("do_layer_norm_before", true);
        Opt opt = new Opt(c.getInt("vocab_size", 50272), hidden, c.getInt("ffn_dim", 3072),
                c.getInt("num_hidden_layers", 12), c.getInt("num_attention_heads", 12),
                c.getInt("max_position_embeddings", 2048), c.getInt("word_embed_proj_dim", hidden), before,
                before && !c.getBoolean("_remove_final_layer_norm", false),
                Activation.fromHiddenAct(c.getString("activation_function", "relu")), c.getBoolean("enable_bias", true),
                c.getBoolean("tie_word_embeddings", true), c.getLong("bos_token_id", 2), c.getLong("eos_token_id", 2),
                c.getLong("pad_token_id", 1));
        requireDivisible(c, "hidden_size", opt.hidden(), opt.heads());
        return opt;
    }

    private static void requireDivisible(ModelConfig c, String key, int width, int heads) {
        if (heads <= 0 || width % heads != 0) {
            throw new IllegalArgumentException(c.source() + ": " + key + " " + width
                    + " is not a multiple of num_attention_heads " + heads);
        }
    }
}
