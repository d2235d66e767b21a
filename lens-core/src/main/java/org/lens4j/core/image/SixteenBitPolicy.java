package org.lens4j.core.image;

/** Policy of {@link ImageDecoder} for mapping 16-bit samples (16-bit PNG) to 8 bits. */
public enum SixteenBitPolicy {
    /** {@code round(v / 257)}: 0 stays 0, 65535 becomes 255 and mid-gray 32768 becomes 128. */
    SCALE,
    /**
     * Pillow's mapping, so outputs match the Hugging Face processors. Pillow's PNG plugin opens
     * 16-bit gray as mode {@code I;16} ({@code I} in older releases), and {@code convert("RGB")}
     * clips it, {@code min(v, 255)}, so nearly every value becomes white. 16-bit colour and
     * gray+alpha are unpacked from their high byte ({@code v >> 8}, rawmodes {@code RGB;16B},
     * {@code RGBA;16B}, {@code LA;16B}).
     */
    CLIP_LIKE_REFERENCE
}
