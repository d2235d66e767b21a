/**
 * The BLIP-2 forward pass: the EVA vision encoder with a fused qkv projection, the Q-Former with
 * cross-attention to the image features, the projection of the queries and the OPT decoder, plus
 * the module listing. Not API: use {@link org.lens4j.models.blip2}.
 */
package org.lens4j.models.blip2.internal;
