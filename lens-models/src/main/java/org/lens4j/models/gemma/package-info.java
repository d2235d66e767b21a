/**
 * The Gemma decoder (RMSNorm with a {@code 1 + w} scale, embeddings scaled by √hidden,
 * multi-query or grouped-query attention with a configured head size, a tanh-GELU gated MLP) and,
 * through {@link org.lens4j.models.gemma.DecoderConfig.Flavor#LLAMA}, the Llama-architecture decoder
 * that shares its structure.
 */
package org.lens4j.models.gemma;
