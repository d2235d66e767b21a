/**
 * Building blocks shared by the SigLIP, Gemma, PaliGemma and Janus packages: linear and
 * normalisation layers, activations, the attention core, and module listing.
 * Not API: signatures may change without notice.
 */
package org.lens4j.models.siglip.internal;
