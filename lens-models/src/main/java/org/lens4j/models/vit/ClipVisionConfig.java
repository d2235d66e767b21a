package org.lens4j.models.vit;

import org.lens4j.models.ModelConfig;

/**
 * A {@code CLIPVisionConfig}: the vision tower of CLIP, LLaVA and LLaVA-NeXT.
 *
 * @param encoder the transformer encoder's shape
 * @param numChannels input channels
 * @param imageSize the input side in pixels (square)
 * @param patchSize the patch side in pixels
 * @param projectionDim width of CLIP's {@code visual_projection} output
 */
public record ClipVisionConfig(
        ClipEncoderConfig encoder, int numChannels, int imageSize, int patchSize, int projectionDim) {

    /** Validates the components. */
    public ClipVisionConfig {
        if (numChannels <= 0 || patchSize <= 0 || imageSize < patchSize) {
            throw new IllegalArgumentException("invalid vision geometry: num_channels=" + numChannels
                    + ", image_size=" + imageSize + ", patch_size=" + patchSize
                    + "; image_size must be at least patch_size");
        }
    }

    /**
     * Reads a {@code vision_config} section, taking {@code CLIPVisionConfig}'s defaults (transformers
     * 4.47) for absent keys: hidden 768, MLP 3072, 12 layers, 12 heads, 3 channels, 224 px images,
     * 32 px patches, quick_gelu, LayerNorm eps 1e-5, projection 512.
     */
    public static ClipVisionConfig from(ModelConfig section) {
        ClipEncoderConfig encoder = new ClipEncoderConfig(
                section.getInt("hidden_size", 768),
                section.getInt("intermediate_size", 3072),
                section.getInt("num_hidden_layers", 12),
                section.getInt("num_attention_heads", 12),
                section.getString("hidden_act", "quick_gelu"),
                section.getDouble("layer_norm_eps", 1e-5));
        return new ClipVisionConfig(
                encoder,
                section.getInt("num_channels", 3),
                section.getInt("image_size", 224),
                section.getInt("patch_size", 32),
                section.getInt("projection_dim", 512));
    }

    /** Returns the number of patches per side. */
    public int patchesPerSide() {
        return imageSize / patchSize;
    }

    /** Returns the number of patch tokens of one image, without the class token. */
    public int numPatches() {
        return patchesPerSide() * patchesPerSide();
    }

    /** Returns the width of the residual stream. */
    public int hiddenSize() {
        return encoder.hiddenSize();
    }
}
