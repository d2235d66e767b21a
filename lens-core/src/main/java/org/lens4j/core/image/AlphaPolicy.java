package org.lens4j.core.image;

/** Policy of {@link ImageDecoder} for the alpha channel of RGBA, gray+alpha and palette images. */
public enum AlphaPolicy {
    /**
     * Discards alpha and keeps the stored colour, as Pillow's {@code convert("RGB")} does, and with
     * it the CLIP, SigLIP, BLIP, Qwen2-VL and LLaVA-NeXT processors: fully transparent pixels keep
     * whatever colour they store.
     */
    DROP,
    /**
     * Blends onto opaque white with Pillow's {@code Image.alpha_composite} integer arithmetic, as
     * Pixtral's processor does: {@code out = (t + (t >> 8)) >> 15} with {@code t = 128 * (c * a +
     * 255 * (255 - a)) + 16384}, and white where alpha is 0. Alpha wider than 8 bits is first
     * reduced to its high byte.
     */
    COMPOSITE_ON_WHITE
}
