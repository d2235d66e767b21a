package org.lens4j.core.image;

/** How {@link ImageDecoder} maps 16-bit samples (16-bit PNG) to 8 bits. */
public enum SixteenBitPolicy {
    /** {@code round(v / 257)}: 0 stays 0, 65535 becomes 255 and mid-gray 32768 becomes 128. */
    SCALE,
    /**
     * What Pillow 9–11 does, so that outputs match the Hugging Face processors: 16-bit gray opens
     * as mode {@code I;16} and {@code convert("RGB")} clips it, {@code min(v, 255)}, so nearly every
     * value becomes white; 16-bit colour and gray+alpha keep the high byte, {@code v >> 8}.
     */
    CLIP_LIKE_REFERENCE
}
