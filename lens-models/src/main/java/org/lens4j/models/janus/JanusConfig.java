package org.lens4j.models.janus;

import java.util.HashSet;
import java.util.Set;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.gemma.DecoderConfig;
import org.lens4j.models.siglip.SiglipVisionConfig;

/**
 * A Janus {@code config.json} with the defaults of transformers' {@code JanusConfig}: each absent
 * section or key takes its config class's default, which describes Janus-Pro-1B.
 *
 * @param vision the vision encoder
 * @param text the Llama decoder
 * @param alignerDepth the aligner's number of linear layers ({@code vision_config.depth})
 * @param projectionDim the aligner's output width ({@code vision_config.projection_dim})
 * @param vq the VQ model and generation modules, which are listed but never run
 * @param imageTokenId the image placeholder id ({@code image_token_id}, or the older
 *     {@code image_token_index})
 * @param specialTokenIds the ids of BOS, EOS and padding, reported as special tokens
 */
public record JanusConfig(SiglipVisionConfig vision, DecoderConfig text, int alignerDepth, int projectionDim,
        VqConfig vq, long imageTokenId, Set<Long> specialTokenIds) {

    /** Validates that the aligner's output fits the decoder. */
    public JanusConfig {
        specialTokenIds = Set.copyOf(specialTokenIds);
        if (alignerDepth < 1) {
            throw new IllegalArgumentException("vision_config.depth " + alignerDepth + " must be at least 1");
        }
        if (projectionDim != text.hiddenSize()) {
            throw new IllegalArgumentException("vision_config.projection_dim " + projectionDim
                    + " must equal the text hidden_size " + text.hiddenSize()
                    + ", because the aligned image features replace token embeddings");
        }
    }

    /** Reads the configuration. */
    public static JanusConfig from(ModelConfig config) {
        ModelConfig vision = config.section("vision_config");
        ModelConfig text = config.section("text_config");
        long imageToken = config.getLong("image_token_id", config.getLong("image_token_index", 100581));
        Set<Long> special = new HashSet<>();
        special.add(text.getLong("bos_token_id", 1));
        special.add(text.getLong("eos_token_id", 2));
        if (text.has("pad_token_id")) {
            special.add(text.getLong("pad_token_id", 0));
        }
        return new JanusConfig(
                SiglipVisionConfig.janus(vision),
                DecoderConfig.llama(text),
                vision.getInt("depth", 2),
                vision.getInt("projection_dim", 2048),
                VqConfig.from(config.section("vq_config")),
                imageToken,
                special);
    }

    /** Returns the number of image tokens per image, one per patch. */
    public int tokensPerImage() {
        return vision.numPatches();
    }
}
