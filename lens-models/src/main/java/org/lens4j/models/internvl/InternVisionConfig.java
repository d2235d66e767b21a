package org.lens4j.models.internvl;

import com.google.gson.JsonArray;
import java.util.Locale;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.vit.internal.HiddenAct;

/**
 * The InternViT vision encoder of an InternVL model, read from either layout's
 * {@code vision_config}.
 *
 * @param hiddenSize width of the residual stream
 * @param intermediateSize width of the MLP
 * @param numLayers encoder layers
 * @param numHeads attention heads ({@code hiddenSize} must be a multiple)
 * @param hiddenAct the MLP activation as {@code hidden_act} names it
 * @param layerNormEps epsilon of the encoder's norms
 * @param normType {@code "layer_norm"} or {@code "rms_norm"}
 * @param imageSize side of the square tiles the position table was trained for, in pixels
 * @param patchSize side of a square patch, in pixels
 * @param numChannels image channels
 * @param qkvBias whether the query, key and value projections have biases
 * @param qkNorm whether queries and keys are RMS-normalised over the full width before attention
 * @param dropPathRate the stochastic-depth rate of the last layer (remote-code layout only), which
 *     changes no output at inference, only the class of the {@code drop_path} modules
 */
public record InternVisionConfig(
        int hiddenSize,
        int intermediateSize,
        int numLayers,
        int numHeads,
        String hiddenAct,
        double layerNormEps,
        String normType,
        int imageSize,
        int patchSize,
        int numChannels,
        boolean qkvBias,
        boolean qkNorm,
        double dropPathRate) {

    /** Validates the components. */
    public InternVisionConfig {
        if (hiddenSize <= 0 || intermediateSize <= 0 || numLayers <= 0 || numHeads <= 0 || imageSize <= 0
                || patchSize <= 0 || numChannels <= 0) {
            throw new IllegalArgumentException("vision sizes must be positive: hidden_size=" + hiddenSize
                    + ", intermediate_size=" + intermediateSize + ", num_hidden_layers=" + numLayers
                    + ", num_attention_heads=" + numHeads + ", image_size=" + imageSize + ", patch_size="
                    + patchSize + ", num_channels=" + numChannels);
        }
        if (hiddenSize % numHeads != 0) {
            throw new IllegalArgumentException("vision hidden_size " + hiddenSize
                    + " is not a multiple of num_attention_heads " + numHeads);
        }
        if (imageSize % patchSize != 0) {
            throw new IllegalArgumentException("vision image_size " + imageSize + " is not a multiple of patch_size "
                    + patchSize);
        }
        if (!"layer_norm".equals(normType) && !"rms_norm".equals(normType)) {
            throw new IllegalArgumentException("unsupported vision norm_type '" + normType
                    + "'; expected layer_norm or rms_norm");
        }
        HiddenAct.fromConfig("hidden_act", hiddenAct);
    }

    /**
     * Reads the {@code vision_config} of a transformers-native {@code InternVLConfig}, taking the
     * defaults of {@code InternVLVisionConfig} (InternViT-300M at 448 px) for absent keys.
     *
     * @throws IllegalArgumentException when a size is invalid, the image or patch is not square, or
     *     the tower has no absolute position embeddings
     */
    public static InternVisionConfig fromNative(ModelConfig section) {
        if (!section.getBoolean("use_absolute_position_embeddings", true)) {
            throw new IllegalArgumentException("vision_config.use_absolute_position_embeddings=false is not"
                    + " supported; InternViT towers use learned absolute positions");
        }
        return new InternVisionConfig(
                section.getInt("hidden_size", 1024),
                section.getInt("intermediate_size", 4096),
                section.getInt("num_hidden_layers", 24),
                section.getInt("num_attention_heads", 16),
                section.getString("hidden_act", "gelu"),
                section.getDouble("layer_norm_eps", 1e-6),
                section.getString("norm_type", "layer_norm").toLowerCase(Locale.ROOT),
                squareSide(section, "image_size", 448),
                squareSide(section, "patch_size", 14),
                section.getInt("num_channels", 3),
                section.getBoolean("attention_bias", false),
                section.getBoolean("use_qk_norm", false),
                0.0);
    }

    /**
     * Reads the {@code vision_config} of a remote-code {@code InternVLChatConfig}, taking the
     * defaults of its {@code InternVisionConfig} (InternViT-6B: RMSNorm, query-key normalisation)
     * for absent keys.
     *
     * @param imageSize the tile side the model runs at ({@code force_image_size} when set)
     * @throws IllegalArgumentException when a size is invalid
     */
    public static InternVisionConfig fromRemote(ModelConfig section, int imageSize) {
        return new InternVisionConfig(
                section.getInt("hidden_size", 3200),
                section.getInt("intermediate_size", 12800),
                section.getInt("num_hidden_layers", 48),
                section.getInt("num_attention_heads", 25),
                section.getString("hidden_act", "gelu"),
                section.getDouble("layer_norm_eps", 1e-6),
                section.getString("norm_type", "rms_norm").toLowerCase(Locale.ROOT),
                imageSize,
                section.getInt("patch_size", 14),
                section.getInt("num_channels", 3),
                section.getBoolean("qkv_bias", false),
                section.getBoolean("qk_normalization", true),
                section.getDouble("drop_path_rate", 0.0));
    }

    /** Returns the size of one attention head. */
    public int headDim() {
        return hiddenSize / numHeads;
    }

    /** Returns the number of patches along one side of a tile. */
    public int patchesPerSide() {
        return imageSize / patchSize;
    }

    /** Returns the number of patches of a tile (the class token not counted). */
    public int numPatches() {
        return patchesPerSide() * patchesPerSide();
    }

    /** Returns the MLP activation. */
    public HiddenAct activation() {
        return HiddenAct.fromConfig("hidden_act", hiddenAct);
    }

    /**
     * Returns whether layer {@code index} has a stochastic-depth module: the remote code spreads
     * the rate linearly from 0 at the first layer to {@code dropPathRate} at the last.
     */
    public boolean dropsPath(int index) {
        return numLayers > 1 && dropPathRate * index / (numLayers - 1) > 0;
    }

    /** Returns whether the encoder's norms are RMSNorms instead of LayerNorms. */
    public boolean rmsNorm() {
        return "rms_norm".equals(normType);
    }

    private static int squareSide(ModelConfig section, String key, int fallback) {
        if (!section.has(key)) {
            return fallback;
        }
        if (!section.json().get(key).isJsonArray()) {
            return section.getInt(key, fallback);
        }
        JsonArray sides = section.getArray(key).orElseThrow();
        if (sides.size() != 2 || sides.get(0).getAsInt() != sides.get(1).getAsInt()) {
            throw new IllegalArgumentException("vision_config." + key + " " + sides
                    + " is not square; only square tiles and patches are supported");
        }
        return sides.get(0).getAsInt();
    }
}
