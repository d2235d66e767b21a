/**
 * Building blocks shared by the CLIP-style vision encoder, the CLIP text tower and the Llama-style
 * decoder: activations and the attention core. Not API: signatures may change.
 */
package org.lens4j.models.vit.internal;
