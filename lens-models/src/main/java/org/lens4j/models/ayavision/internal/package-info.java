/**
 * The Aya Vision forward pass: the SigLIP tower's selected hidden state, the pixel-shuffle SwiGLU
 * projector, the Cohere2 decoder (bias-free LayerNorm, parallel attention and MLP, interleaved
 * rotary positions on sliding-window layers, scaled logits) and the module listing. Not API.
 */
package org.lens4j.models.ayavision.internal;
