package org.lens4j.models.llama;

/**
 * The transformers version whose module tree a decoder listing follows. The versions differ only
 * in rotary-embedding modules: both have the model-level {@code model.rotary_emb}, and 4.47 also
 * registers a {@code self_attn.rotary_emb} in every layer that the forward pass never calls.
 */
public enum DecoderLayout {
    /** transformers 4.47: a never-called {@code self_attn.rotary_emb} in every layer. */
    TRANSFORMERS_4_47,
    /** transformers 4.48 to 4.51: only the model-level {@code model.rotary_emb}. */
    TRANSFORMERS_4_51;

    /** Returns whether every attention module lists its own rotary placeholder. */
    public boolean listsLayerRotary() {
        return this == TRANSFORMERS_4_47;
    }
}
