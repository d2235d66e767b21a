/**
 * The SigLIP vision transformer: patch embedding with learned absolute positions and no class
 * token, pre-norm encoder layers, a final LayerNorm and the optional attention-pooling head. It
 * runs in PaliGemma under transformers' SigLIP names and in Janus under Janus's names
 * ({@link org.lens4j.models.siglip.SiglipVisionConfig.Flavor}).
 */
package org.lens4j.models.siglip;
