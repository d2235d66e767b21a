/**
 * A Llama-style decoder (RMSNorm, rotary positions, grouped-query attention, gated MLP), used as
 * the language model of LLaVA, LLaVA-NeXT and InternVL. Variants (Llama, Mistral, Qwen2) differ in
 * defaults, biases and class names (see {@link org.lens4j.models.llama.DecoderVariant}); the module
 * listing follows the transformers 4.47 layout or, on request, the 4.51 one
 * (see {@link org.lens4j.models.llama.DecoderLayout}).
 */
package org.lens4j.models.llama;
