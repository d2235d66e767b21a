package org.lens4j.models.vit;

import org.lens4j.models.vit.internal.HiddenAct;

/**
 * The shape of a CLIP transformer encoder, shared by the vision and the text tower.
 *
 * @param hiddenSize width of the residual stream
 * @param intermediateSize width of the MLP
 * @param numLayers number of encoder layers
 * @param numHeads attention heads ({@code hiddenSize} must be a multiple)
 * @param hiddenAct the MLP activation as {@code hidden_act} names it
 * @param layerNormEps epsilon of every LayerNorm
 */
public record ClipEncoderConfig(
        int hiddenSize, int intermediateSize, int numLayers, int numHeads, String hiddenAct, double layerNormEps) {

    /** Validates the components. */
    public ClipEncoderConfig {
        if (hiddenSize <= 0 || intermediateSize <= 0 || numLayers <= 0 || numHeads <= 0) {
            throw new IllegalArgumentException("encoder sizes must be positive: hidden_size=" + hiddenSize
                    + ", intermediate_size=" + intermediateSize + ", num_hidden_layers=" + numLayers
                    + ", num_attention_heads=" + numHeads);
        }
        if (hiddenSize % numHeads != 0) {
            throw new IllegalArgumentException("hidden_size " + hiddenSize
                    + " is not a multiple of num_attention_heads " + numHeads);
        }
        HiddenAct.fromConfig("hidden_act", hiddenAct);
    }

    /** Returns the size of one attention head. */
    public int headDim() {
        return hiddenSize / numHeads;
    }

    /** Returns the MLP activation. */
    public HiddenAct activation() {
        return HiddenAct.fromConfig("hidden_act", hiddenAct);
    }
}
