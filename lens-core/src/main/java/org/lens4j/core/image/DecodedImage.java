package org.lens4j.core.image;

import java.util.Objects;

/**
 * An image decoded by {@link ImageDecoder}, with what the source was and the policy that turned it
 * into 8-bit RGB, so a capture can record both.
 *
 * @param image the upright 8-bit RGB pixels
 * @param source the file path or the name given by the caller
 * @param format the container format: {@code png}, {@code jpeg}, {@code gif}, {@code bmp}, or
 *     {@code BufferedImage} for in-memory images
 * @param mode Pillow's name for the source mode: {@code 1}, {@code L}, {@code LA}, {@code P},
 *     {@code RGB}, {@code RGBA}, {@code I;16} (16-bit gray), {@code LA;16}, {@code RGB;16},
 *     {@code RGBA;16}
 * @param exifOrientation the EXIF orientation found in a JPEG (1–8), 1 when there was none
 * @param policy the decoding policy, e.g. {@code alpha=DROP;sixteen_bit=SCALE;exif_orientation=APPLY}
 */
public record DecodedImage(RgbImage image, String source, String format, String mode, int exifOrientation,
        String policy) {

    /** Validates that no component is null. */
    public DecodedImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(policy, "policy");
    }
}
