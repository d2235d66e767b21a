package org.lens4j.models.siglip;

import org.lens4j.models.ModelConfig;
import org.lens4j.models.siglip.internal.HiddenActivation;

/**
 * The settings of a SigLIP vision transformer, read from a {@code vision_config} section with
 * transformers' defaults for that flavour.
 *
 * @param flavor which naming and layer details apply
 * @param hiddenSize width of the patch tokens
 * @param intermediateSize width of the MLP
 * @param numLayers number of encoder layers
 * @param numHeads number of attention heads
 * @param numChannels input channels
 * @param imageSize input height and width in pixels
 * @param patchSize patch height and width in pixels
 * @param activation the MLP activation
 * @param layerNormEps LayerNorm epsilon
 * @param useHead whether the attention-pooling head exists (and runs)
 * @param attentionBias whether the query, key and value projections have biases
 */
public record SiglipVisionConfig(
        Flavor flavor,
        int hiddenSize,
        int intermediateSize,
        int numLayers,
        int numHeads,
        int numChannels,
        int imageSize,
        int patchSize,
        HiddenActivation activation,
        double layerNormEps,
        boolean useHead,
        boolean attentionBias) {

    /** Naming and layer details of the two SigLIP spellings. */
    public enum Flavor {
        /**
         * transformers' {@code SiglipVisionTransformer} (4.47): {@code self_attn.{k,v,q,out}_proj}, the
         * MLP width from {@code intermediate_size}, an optional pooling head.
         */
        SIGLIP,
        /**
         * transformers' {@code JanusVisionModel}: {@code self_attn.{q,k,v}_proj},
         * {@code projection_layer}, identity {@code q_norm}/{@code k_norm} and dropouts, the MLP
         * width {@code hidden_size × mlp_ratio}, no head, and {@code post_layernorm} run a second
         * time on the first token.
         */
        JANUS
    }

    /** Validates the settings. */
    public SiglipVisionConfig {
        if (hiddenSize <= 0 || numHeads <= 0 || hiddenSize % numHeads != 0) {
            throw new IllegalArgumentException("vision hidden_size " + hiddenSize
                    + " must be a positive multiple of num_attention_heads " + numHeads);
        }
        if (patchSize <= 0 || imageSize < patchSize) {
            throw new IllegalArgumentException("vision image_size " + imageSize + " must be at least patch_size "
                    + patchSize + " and both positive");
        }
        if (numLayers < 0 || intermediateSize <= 0 || numChannels <= 0) {
            throw new IllegalArgumentException("vision num_hidden_layers " + numLayers + ", intermediate size "
                    + intermediateSize + " and num_channels " + numChannels + " must be positive");
        }
    }

    /**
     * Reads a {@code siglip_vision_model} section with {@code SiglipVisionConfig}'s defaults. The head
     * exists unless {@code vision_use_head} is false, as in {@code SiglipVisionTransformer}.
     */
    public static SiglipVisionConfig siglip(ModelConfig vision) {
        return new SiglipVisionConfig(Flavor.SIGLIP,
                vision.getInt("hidden_size", 768),
                vision.getInt("intermediate_size", 3072),
                vision.getInt("num_hidden_layers", 12),
                vision.getInt("num_attention_heads", 12),
                vision.getInt("num_channels", 3),
                vision.getInt("image_size", 224),
                vision.getInt("patch_size", 16),
                HiddenActivation.fromConfig("vision_config.hidden_act",
                        vision.getString("hidden_act", "gelu_pytorch_tanh")),
                vision.getDouble("layer_norm_eps", 1e-6),
                vision.getBoolean("vision_use_head", true),
                true);
    }

    /**
     * Reads a {@code janus_vision_model} section with {@code JanusVisionConfig}'s defaults.
     *
     * @throws IllegalArgumentException when {@code use_qk_norm} is true, which is not supported
     */
    public static SiglipVisionConfig janus(ModelConfig vision) {
        if (vision.getBoolean("use_qk_norm", false)) {
            throw new IllegalArgumentException("vision_config.use_qk_norm true is not supported; the Janus"
                    + " checkpoints this library reads use false");
        }
        int hidden = vision.getInt("hidden_size", 1024);
        double mlpRatio = vision.getDouble("mlp_ratio", 4.0);
        return new SiglipVisionConfig(Flavor.JANUS,
                hidden,
                (int) (hidden * mlpRatio),
                vision.getInt("num_hidden_layers", 24),
                vision.getInt("num_attention_heads", 16),
                vision.getInt("num_channels", 3),
                vision.getInt("image_size", 384),
                vision.getInt("patch_size", 16),
                HiddenActivation.fromConfig("vision_config.hidden_act", vision.getString("hidden_act", "gelu")),
                vision.getDouble("layer_norm_eps", 1e-6),
                false,
                vision.getBoolean("attention_bias", true));
    }

    /** Returns the number of patches along one side, {@code image_size / patch_size}. */
    public int patchesPerSide() {
        return imageSize / patchSize;
    }

    /** Returns the number of patch tokens per image, which is also the number of learned positions. */
    public int numPatches() {
        return patchesPerSide() * patchesPerSide();
    }

    /** Returns the width of one attention head. */
    public int headSize() {
        return hiddenSize / numHeads;
    }
}
