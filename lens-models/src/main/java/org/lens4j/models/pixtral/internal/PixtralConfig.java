package org.lens4j.models.pixtral.internal;

import com.google.gson.JsonElement;
import java.util.Locale;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.blocks.Activation;

/**
 * The settings of a Pixtral checkpoint in either of its two layouts: a Hugging Face conversion
 * ({@code config.json} of a {@code LlavaForConditionalGeneration} whose vision tower is
 * {@code pixtral}, defaults of transformers 4.49) or the mistral_inference format
 * ({@code params.json} with a {@code vision_encoder} section).
 *
 * @param layout which names and weight conventions the checkpoint uses
 * @param vision the vision encoder
 * @param text the Mistral decoder
 * @param projectorActivation the activation between the two projector layers
 * @param projectorBias whether the projector layers have biases
 * @param imageToken the id of {@code [IMG]}, the placeholder the image features replace
 * @param featureLayers which vision hidden states feed the projector (Python indices into
 *     {@code [embeddings, layer 0, …, layer n−1]}); concatenated along the width when several
 * @param dropFirstFeature whether the first token of each feature row is dropped
 *     ({@code vision_feature_select_strategy} {@code default}); Pixtral checkpoints use {@code full}
 */
public record PixtralConfig(Layout layout, Vision vision, Text text, Activation projectorActivation,
        boolean projectorBias, long imageToken, int[] featureLayers, boolean dropFirstFeature) {

    /** The two checkpoint layouts. */
    public enum Layout {
        /**
         * transformers' {@code LlavaForConditionalGeneration}: {@code vision_tower.…},
         * {@code multi_modal_projector.…}, {@code language_model.model.…}; q/k rows permuted for
         * rotate-half rotary embeddings.
         */
        HUGGING_FACE,
        /**
         * mistral_inference's {@code Transformer}: {@code vision_encoder.…},
         * {@code vision_language_adapter.…}, {@code layers.N.…}; rotary embeddings rotate
         * interleaved (even, odd) pairs.
         */
        MISTRAL
    }

    /**
     * Vision encoder settings.
     *
     * @param hidden width
     * @param intermediate feed-forward inner width
     * @param layers layers
     * @param heads attention heads
     * @param headSize head size
     * @param imageSize the largest image side in pixels, which sizes the rotary table
     * @param patchSize patch side in pixels
     * @param channels input channels
     * @param activation feed-forward activation
     * @param ropeTheta rotary base
     */
    public record Vision(int hidden, int intermediate, int layers, int heads, int headSize, int imageSize,
            int patchSize, int channels, Activation activation, double ropeTheta) {

        /** Returns the largest number of patches per image side. */
        public int maxPatchesPerSide() {
            return imageSize / patchSize;
        }
    }

    /**
     * Mistral decoder settings.
     *
     * @param hidden width
     * @param intermediate feed-forward inner width
     * @param layers layers
     * @param heads query heads
     * @param kvHeads key/value heads
     * @param headSize head size
     * @param vocab vocabulary size
     * @param activation feed-forward activation
     * @param rmsNormEps RMSNorm epsilon
     * @param ropeTheta rotary base
     * @param slidingWindow keys further back than this are masked; 0 for none
     * @param tieWordEmbeddings whether the head reuses the token embeddings
     * @param bos begin-of-sequence id
     * @param eos end-of-sequence id
     */
    public record Text(int hidden, int intermediate, int layers, int heads, int kvHeads, int headSize, int vocab,
            Activation activation, double rmsNormEps, double ropeTheta, int slidingWindow, boolean tieWordEmbeddings,
            long bos, long eos) {
    }

    @Override
    public int[] featureLayers() {
        return featureLayers.clone();
    }

    /**
     * Reads either layout: a configuration with {@code vision_encoder} and {@code dim} is a
     * mistral_inference {@code params.json}, anything else a transformers {@code config.json}.
     *
     * @throws IllegalArgumentException when the configuration is not Pixtral, or uses a variant
     *     this adapter does not run
     */
    public static PixtralConfig from(ModelConfig config) {
        return isMistralParams(config) ? fromMistral(config) : fromHuggingFace(config);
    }

    /** Returns whether the configuration is a mistral_inference {@code params.json} with a vision encoder. */
    public static boolean isMistralParams(ModelConfig config) {
        return config.has("vision_encoder") && config.has("dim") && config.has("n_layers");
    }

    /** Returns whether the configuration is a transformers LLaVA configuration with a Pixtral vision tower. */
    public static boolean isHuggingFacePixtral(ModelConfig config) {
        return config.modelType().map("llava"::equals).orElse(false)
                && config.section("vision_config").modelType().map("pixtral"::equals).orElse(false);
    }

    private static PixtralConfig fromHuggingFace(ModelConfig config) {
        if (!isHuggingFacePixtral(config)) {
            throw new IllegalArgumentException(config.source() + " has model_type '"
                    + config.modelType().orElse("<none>") + "' and vision model_type '"
                    + config.section("vision_config").modelType().orElse("<none>")
                    + "' but the Pixtral adapter needs 'llava' with a 'pixtral' vision_config, or a"
                    + " mistral_inference params.json with a vision_encoder section");
        }
        ModelConfig v = config.section("vision_config");
        int hidden = v.getInt("hidden_size", 1024);
        int heads = v.getInt("num_attention_heads", 16);
        Vision vision = new Vision(hidden, v.getInt("intermediate_size", 4096), v.getInt("num_hidden_layers", 24),
                heads, v.getInt("head_dim", hidden / heads), v.getInt("image_size", 1024), v.getInt("patch_size", 16),
                v.getInt("num_channels", 3), Activation.fromHiddenAct(v.getString("hidden_act", "gelu")),
                v.getDouble("rope_theta", 10_000.0));

        ModelConfig t = config.section("text_config");
        String textType = t.modelType().orElse("mistral");
        if (!"mistral".equals(textType.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(config.source() + ": text model_type '" + textType
                    + "' is not supported; the Pixtral adapter runs Mistral language models only");
        }
        int textHidden = t.getInt("hidden_size", 4096);
        int textHeads = t.getInt("num_attention_heads", 32);
        Text text = new Text(textHidden, t.getInt("intermediate_size", 14_336), t.getInt("num_hidden_layers", 32),
                textHeads, t.getInt("num_key_value_heads", 8), t.getInt("head_dim", textHidden / textHeads),
                t.getInt("vocab_size", 32_000), Activation.fromHiddenAct(t.getString("hidden_act", "silu")),
                t.getDouble("rms_norm_eps", 1e-6), t.getDouble("rope_theta", 10_000.0), slidingWindow(t),
                t.getBoolean("tie_word_embeddings", false), t.getLong("bos_token_id", 1), t.getLong("eos_token_id", 2));

        String strategy = config.getString("vision_feature_select_strategy", "default");
        if (!strategy.equals("default") && !strategy.equals("full")) {
            throw new IllegalArgumentException(config.source() + ": vision_feature_select_strategy '" + strategy
                    + "' is not supported; use 'full' or 'default'");
        }
        return validated(new PixtralConfig(Layout.HUGGING_FACE, vision, text,
                Activation.fromHiddenAct(config.getString("projector_hidden_act", "gelu")),
                config.getBoolean("multimodal_projector_bias", true), config.getLong("image_token_index", 32_000),
                featureLayers(config), strategy.equals("default")), config);
    }

    /** Returns MistralConfig's {@code sliding_window}: 4096 when absent, none (0) when {@code null}. */
    private static int slidingWindow(ModelConfig text) {
        boolean explicitNull = text.json().has("sliding_window") && text.json().get("sliding_window").isJsonNull();
        return explicitNull ? 0 : text.getInt("sliding_window", 4096);
    }

    private static int[] featureLayers(ModelConfig config) {
        JsonElement value = config.json().get("vision_feature_layer");
        if (value != null && value.isJsonArray()) {
            return config.getIntArray("vision_feature_layer", null);
        }
        return new int[] {config.getInt("vision_feature_layer", -2)};
    }

    /**
     * Reads mistral_inference's {@code params.json}. Its vision encoder always uses SiLU; a
     * {@code hidden_act} key in {@code vision_encoder}, which that format does not define, is
     * honoured so that a checkpoint converted from a transformers config with another activation
     * keeps it.
     */
    private static PixtralConfig fromMistral(ModelConfig config) {
        ModelConfig v = config.section("vision_encoder");
        if (v.has("mm_projector_id") && !v.getString("mm_projector_id", "").isEmpty()
                || v.getBoolean("add_pre_mm_projector_layer_norm", false)) {
            throw new IllegalArgumentException(config.source() + ": vision_encoder has a patch merger or a"
                    + " pre-projector norm (a later Mistral vision model); the Pixtral adapter runs Pixtral-12B's"
                    + " encoder only");
        }
        int hidden = v.getInt("hidden_size", 1024);
        int heads = v.getInt("num_attention_heads", 16);
        Vision vision = new Vision(hidden, v.getInt("intermediate_size", 4096), v.getInt("num_hidden_layers", 24),
                heads, hidden / heads, v.getInt("image_size", 1024), v.getInt("patch_size", 16),
                v.getInt("num_channels", 3), Activation.fromHiddenAct(v.getString("hidden_act", "silu")),
                v.getDouble("rope_theta", 10_000.0));

        int dim = config.getInt("dim", 0);
        int textHeads = config.getInt("n_heads", 0);
        Text text = new Text(dim, config.getInt("hidden_dim", 0), config.getInt("n_layers", 0), textHeads,
                config.getInt("n_kv_heads", textHeads), config.getInt("head_dim", textHeads == 0 ? 0 : dim / textHeads),
                config.getInt("vocab_size", 0), Activation.SILU, config.getDouble("norm_eps", 1e-5),
                config.getDouble("rope_theta", 1_000_000.0), 0, false, 1, 2);
        return validated(new PixtralConfig(Layout.MISTRAL, vision, text, Activation.GELU,
                v.getBoolean("adapter_bias", true), v.getLong("image_token_id", 10), new int[] {-1}, false), config);
    }

    private static PixtralConfig validated(PixtralConfig parsed, ModelConfig source) {
        Vision v = parsed.vision();
        Text t = parsed.text();
        if (v.heads() <= 0 || v.headSize() % 2 != 0 || v.headSize() <= 0) {
            throw new IllegalArgumentException(source.source() + ": vision head size " + v.headSize()
                    + " must be positive and even for the 2D rotary embedding");
        }
        if ((long) v.heads() * v.headSize() != v.hidden()) {
            throw new IllegalArgumentException(source.source() + ": vision head_dim " + v.headSize() + " times "
                    + v.heads() + " heads must equal hidden_size " + v.hidden()
                    + ", because the attention projections are hidden_size wide");
        }
        if (t.hidden() <= 0 || t.layers() <= 0 || t.heads() <= 0 || t.vocab() <= 0 || t.intermediate() <= 0) {
            throw new IllegalArgumentException(source.source() + ": the language model needs positive width,"
                    + " layers, heads, vocabulary and feed-forward width, got " + t);
        }
        if (t.kvHeads() <= 0 || t.heads() % t.kvHeads() != 0 || t.headSize() % 2 != 0) {
            throw new IllegalArgumentException(source.source() + ": " + t.heads() + " query heads, " + t.kvHeads()
                    + " key/value heads and head size " + t.headSize() + " do not fit grouped rotary attention");
        }
        int hiddenStates = v.layers() + 1;
        for (int layer : parsed.featureLayers()) {
            if (layer < -hiddenStates || layer >= hiddenStates) {
                throw new IllegalArgumentException(source.source() + ": vision_feature_layer " + layer
                        + " is outside the " + hiddenStates + " vision hidden states");
            }
        }
        return parsed;
    }
}
