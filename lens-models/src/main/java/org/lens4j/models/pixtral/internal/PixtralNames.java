package org.lens4j.models.pixtral.internal;

/**
 * The module names of one Pixtral layout. A {@code null} name is a step that is no module of its
 * own in that layout (mistral_inference has no activation modules in its feed-forward blocks and
 * no rotary-embedding modules, for example).
 *
 * @param vision the vision encoder
 * @param patchConv the patch convolution
 * @param lnPre the RMSNorm after the patch convolution
 * @param visionRotary the vision rotary table module, or {@code null}
 * @param visionTransformer the vision layer stack
 * @param visionLayers prefix of vision layer {@code i}, followed by the index
 * @param visionBlock the names inside one vision layer
 * @param projector the vision-language projector
 * @param projectorIn its first linear layer
 * @param projectorActivation its activation
 * @param projectorOut its second linear layer
 * @param languageModel the causal-LM wrapper, or {@code null} (the root plays that part)
 * @param decoder the decoder without head, or {@code null}
 * @param embedTokens the token embedding
 * @param layers prefix of decoder layer {@code i}, followed by the index
 * @param decoderBlock the names inside one decoder layer
 * @param norm the final RMSNorm
 * @param textRotary the decoder's rotary table module, or {@code null}
 * @param head the output projection to the vocabulary
 */
record PixtralNames(String vision, String patchConv, String lnPre, String visionRotary, String visionTransformer,
        String visionLayers, Block visionBlock, String projector, String projectorIn, String projectorActivation,
        String projectorOut, String languageModel, String decoder, String embedTokens, String layers,
        Block decoderBlock, String norm, String textRotary, String head) {

    /**
     * The names inside one transformer layer, relative to the layer.
     *
     * @param attentionNorm the RMSNorm before attention
     * @param attention the attention module
     * @param query query projection, relative to the attention module
     * @param key key projection, relative to the attention module
     * @param value value projection, relative to the attention module
     * @param output output projection, relative to the attention module
     * @param ffnNorm the RMSNorm before the feed-forward block
     * @param feedForward the gated feed-forward module
     * @param gate gate projection, relative to the feed-forward module
     * @param up up projection, relative to the feed-forward module
     * @param down down projection, relative to the feed-forward module
     * @param activation the activation module relative to the feed-forward module, or {@code null}
     */
    record Block(String attentionNorm, String attention, String query, String key, String value, String output,
            String ffnNorm, String feedForward, String gate, String up, String down, String activation) {
    }

    /** transformers' names: {@code vision_tower.…}, {@code language_model.model.layers.N.…}. */
    static final PixtralNames HUGGING_FACE = new PixtralNames("vision_tower", "vision_tower.patch_conv",
            "vision_tower.ln_pre", "vision_tower.patch_positional_embedding", "vision_tower.transformer",
            "vision_tower.transformer.layers.",
            new Block("attention_norm", "attention", "q_proj", "k_proj", "v_proj", "o_proj", "ffn_norm",
                    "feed_forward", "gate_proj", "up_proj", "down_proj", "act_fn"),
            "multi_modal_projector", "multi_modal_projector.linear_1", "multi_modal_projector.act",
            "multi_modal_projector.linear_2", "language_model", "language_model.model",
            "language_model.model.embed_tokens", "language_model.model.layers.",
            new Block("input_layernorm", "self_attn", "q_proj", "k_proj", "v_proj", "o_proj",
                    "post_attention_layernorm", "mlp", "gate_proj", "up_proj", "down_proj", "act_fn"),
            "language_model.model.norm", "language_model.model.rotary_emb", "language_model.lm_head");

    /** mistral_inference's names: {@code vision_encoder.…}, {@code layers.N.…}, {@code output}. */
    static final PixtralNames MISTRAL = new PixtralNames("vision_encoder", "vision_encoder.patch_conv",
            "vision_encoder.ln_pre", null, "vision_encoder.transformer", "vision_encoder.transformer.layers.",
            new Block("attention_norm", "attention", "wq", "wk", "wv", "wo", "ffn_norm", "feed_forward", "w1", "w3",
                    "w2", null),
            "vision_language_adapter", "vision_language_adapter.w_in", "vision_language_adapter.gelu",
            "vision_language_adapter.w_out", null, null, "tok_embeddings", "layers.",
            new Block("attention_norm", "attention", "wq", "wk", "wv", "wo", "ffn_norm", "feed_forward", "w1", "w3",
                    "w2", null),
            "norm", null, "output");

    /** Returns the names of {@code layout}. */
    static PixtralNames of(PixtralConfig.Layout layout) {
        return layout == PixtralConfig.Layout.MISTRAL ? MISTRAL : HUGGING_FACE;
    }

    /** Returns the name of vision layer {@code index}. */
    String visionLayer(int index) {
        return visionLayers + index;
    }

    /** Returns the name of decoder layer {@code index}. */
    String layer(int index) {
        return layers + index;
    }
}
