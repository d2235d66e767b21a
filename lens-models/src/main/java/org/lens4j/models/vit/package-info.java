/**
 * The CLIP vision transformer (class token, learned positions, {@code pre_layrnorm}, quick-GELU
 * encoder layers, {@code post_layernorm} on the class token) and the CLIP encoder it shares with
 * the CLIP text tower. CLIP, LLaVA and LLaVA-NeXT build their vision side from these classes.
 */
package org.lens4j.models.vit;
