/**
 * Pixtral: the model adapter {@code pixtral} for Pixtral checkpoints in the transformers layout
 * ({@code LlavaForConditionalGeneration} with a Pixtral vision tower) and in the mistral_inference
 * layout ({@code params.json} and {@code consolidated.safetensors}).
 */
package org.lens4j.models.pixtral;
