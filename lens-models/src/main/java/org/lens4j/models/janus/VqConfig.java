package org.lens4j.models.janus;

import org.lens4j.models.ModelConfig;
import org.lens4j.models.siglip.internal.HiddenActivation;

/**
 * The structure of Janus's image-generation modules ({@code vq_config}), with
 * {@code JanusVQVAEConfig}'s defaults. Only the module list is built from it: these modules do not
 * run when Janus reads images.
 *
 * @param embedDim width of a codebook vector
 * @param numEmbeddings codebook size
 * @param latentChannels channels of the latent grid
 * @param inChannels image channels into the encoder
 * @param outChannels image channels out of the decoder
 * @param baseChannels channels of the first resolution level
 * @param channelMultiplier channel factor of each resolution level
 * @param numResBlocks residual blocks per encoder level (the decoder has one more)
 * @param doubleLatent whether the encoder outputs twice the latent channels
 * @param projectionDim width of the generation aligner and head
 * @param numHiddenLayers linear layers of the generation aligner
 * @param activation activation of the generation aligner and head
 * @param imageTokenEmbedDim input width of the generation head
 */
public record VqConfig(int embedDim, int numEmbeddings, int latentChannels, int inChannels, int outChannels,
        int baseChannels, int[] channelMultiplier, int numResBlocks, boolean doubleLatent, int projectionDim,
        int numHiddenLayers, HiddenActivation activation, int imageTokenEmbedDim) {

    /** Copies the multiplier array and checks it is not empty. */
    public VqConfig {
        channelMultiplier = channelMultiplier.clone();
        if (channelMultiplier.length == 0) {
            throw new IllegalArgumentException("vq_config.channel_multiplier must not be empty");
        }
    }

    /** Reads a {@code vq_config} section. */
    public static VqConfig from(ModelConfig vq) {
        return new VqConfig(
                vq.getInt("embed_dim", 8),
                vq.getInt("num_embeddings", 16384),
                vq.getInt("latent_channels", 256),
                vq.getInt("in_channels", 3),
                vq.getInt("out_channels", 3),
                vq.getInt("base_channels", 128),
                vq.getIntArray("channel_multiplier", new int[] {1, 1, 2, 2, 4}),
                vq.getInt("num_res_blocks", 2),
                vq.getBoolean("double_latent", false),
                vq.getInt("projection_dim", 2048),
                vq.getInt("num_hidden_layers", 2),
                HiddenActivation.fromConfig("vq_config.hidden_act", vq.getString("hidden_act", "gelu")),
                vq.getInt("image_token_embed_dim", 2048));
    }

    /** Returns a copy of the channel multipliers. */
    @Override
    public int[] channelMultiplier() {
        return channelMultiplier.clone();
    }
}
