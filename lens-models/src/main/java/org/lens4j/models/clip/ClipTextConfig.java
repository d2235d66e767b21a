package org.lens4j.models.clip;

import org.lens4j.models.ModelConfig;
import org.lens4j.models.vit.ClipEncoderConfig;

/**
 * A {@code CLIPTextConfig}: the text tower of CLIP.
 *
 * @param encoder the transformer encoder's shape
 * @param vocabSize number of token ids
 * @param maxPositionEmbeddings the longest text the position table covers
 * @param bosTokenId the start-of-text id
 * @param eosTokenId the end-of-text id; the value 2 selects transformers' legacy pooling (see
 *     {@link #legacyEosPooling()})
 */
public record ClipTextConfig(
        ClipEncoderConfig encoder, int vocabSize, int maxPositionEmbeddings, long bosTokenId, long eosTokenId) {

    /**
     * Reads a {@code text_config} section, taking {@code CLIPTextConfig}'s defaults (transformers
     * 4.47) for absent keys: vocabulary 49408, hidden 512, MLP 2048, 12 layers, 8 heads, 77
     * positions, quick_gelu, LayerNorm eps 1e-5, BOS 49406, EOS 49407.
     */
    public static ClipTextConfig from(ModelConfig section) {
        ClipEncoderConfig encoder = new ClipEncoderConfig(
                section.getInt("hidden_size", 512),
                section.getInt("intermediate_size", 2048),
                section.getInt("num_hidden_layers", 12),
                section.getInt("num_attention_heads", 8),
                section.getString("hidden_act", "quick_gelu"),
                section.getDouble("layer_norm_eps", 1e-5));
        return new ClipTextConfig(
                encoder,
                section.getInt("vocab_size", 49408),
                section.getInt("max_position_embeddings", 77),
                section.getLong("bos_token_id", 49406),
                section.getLong("eos_token_id", 49407));
    }

    /**
     * Returns whether the pooled text feature is taken at the highest token id of each row rather
     * than at the first {@code eos_token_id}. transformers keeps this rule for configs whose
     * {@code eos_token_id} is 2, the value written before the end-of-text id was corrected; in
     * OpenAI's vocabulary the end-of-text token has the highest id, so both rules agree there.
     */
    public boolean legacyEosPooling() {
        return eosTokenId == 2;
    }

    /**
     * Returns the id treated as end of text when labelling token types: {@code eos_token_id}, or
     * under legacy pooling the highest id of the vocabulary.
     */
    public long effectiveEosTokenId() {
        return legacyEosPooling() ? vocabSize - 1L : eosTokenId;
    }

    /** Returns the width of the residual stream. */
    public int hiddenSize() {
        return encoder.hiddenSize();
    }
}
