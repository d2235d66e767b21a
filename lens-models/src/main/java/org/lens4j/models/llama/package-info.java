/**
 * A Llama-style decoder (RMSNorm, rotary positions, grouped-query attention, gated MLP) with the
 * transformers 4.47 module layout, used as the language model of LLaVA and LLaVA-NeXT. Variants
 * (Llama, Mistral) differ in defaults and class names; see {@link org.lens4j.models.llama.DecoderVariant}.
 */
package org.lens4j.models.llama;
