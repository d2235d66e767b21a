/**
 * The Pixtral forward pass: the RMSNorm vision encoder with 2D rotary embeddings and per-image
 * attention, the projector, the Mistral decoder, both layouts' module names and rotary
 * conventions, and the module listing. Not API: use {@link org.lens4j.models.pixtral}.
 */
package org.lens4j.models.pixtral.internal;
