package org.lens4j.core.image;

/** What {@link ImageDecoder} does with the alpha channel of RGBA, gray+alpha and palette images. */
public enum AlphaPolicy {
    /**
     * Discards alpha and keeps the stored colour, as Pillow's {@code convert("RGB")} and therefore
     * the Hugging Face processors do: fully transparent pixels keep whatever colour they store.
     */
    DROP,
    /** Blends onto white: {@code round(c * a + 255 * (1 - a))} with {@code a} alpha in [0, 1]. */
    COMPOSITE_ON_WHITE
}
