/**
 * Aya Vision: a SigLIP tower whose last-layer features are pixel-shuffled and projected with a
 * SwiGLU MLP into a Cohere2 decoder. The entry point is {@link org.lens4j.models.ayavision.AyaVisionAdapter}.
 */
package org.lens4j.models.ayavision;
