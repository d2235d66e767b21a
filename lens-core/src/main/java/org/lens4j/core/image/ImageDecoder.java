package org.lens4j.core.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.lens4j.core.image.internal.ExifOrientation;
import org.lens4j.core.image.internal.JpegHeader;
import org.lens4j.core.image.internal.RasterConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes PNG, JPEG, BMP and GIF files to 8-bit RGB with the JDK's {@code ImageIO}, then converts
 * the raw samples the way Pillow's {@code convert("RGB")} does, so the result is what the Hugging
 * Face processors see.
 *
 * <p>Immutable settings, derived with {@code with…} methods:
 * <ul>
 *   <li>{@link AlphaPolicy}: {@code DROP} by default, as the reference does;</li>
 *   <li>{@link SixteenBitPolicy}: {@code SCALE} by default ({@code round(v / 257)}); use
 *       {@code CLIP_LIKE_REFERENCE} to reproduce the reference, which clips 16-bit gray to 255;</li>
 *   <li>EXIF orientation of JPEG files: applied by default; the reference (Pillow's
 *       {@code Image.open}) ignores it, so turn it off for parity on rotated photos.</li>
 * </ul>
 *
 * <pre>{@code
 * DecodedImage decoded = ImageDecoder.withDefaults().decode(Path.of("photo.jpg"));
 * RgbImage image = decoded.image();
 * String provenance = decoded.mode() + " " + decoded.policy();
 * }</pre>
 *
 * @implNote CMYK and YCCK JPEGs are rejected with {@link UnsupportedImageException}. JPEG pixels
 *     come from the JDK's decoder, whose IDCT and chroma upsampling may differ from libjpeg-turbo's
 *     (Pillow) by a level or two per pixel; PNG, BMP and GIF decoding is exact. EXIF orientation is
 *     read from JPEG files only, not from PNG {@code eXIf} chunks. For GIF the first frame is read.
 */
public final class ImageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(ImageDecoder.class);

    private static final ImageDecoder DEFAULTS = new ImageDecoder(AlphaPolicy.DROP, SixteenBitPolicy.SCALE, true);

    private final AlphaPolicy alphaPolicy;
    private final SixteenBitPolicy sixteenBitPolicy;
    private final boolean applyExifOrientation;

    private ImageDecoder(AlphaPolicy alphaPolicy, SixteenBitPolicy sixteenBitPolicy, boolean applyExifOrientation) {
        this.alphaPolicy = Objects.requireNonNull(alphaPolicy, "alphaPolicy");
        this.sixteenBitPolicy = Objects.requireNonNull(sixteenBitPolicy, "sixteenBitPolicy");
        this.applyExifOrientation = applyExifOrientation;
    }

    /** Returns a decoder that drops alpha, scales 16-bit samples and applies EXIF orientation. */
    public static ImageDecoder withDefaults() {
        return DEFAULTS;
    }

    /**
     * Returns a decoder matching the Hugging Face processors' input path (Pillow {@code
     * Image.open} then {@code convert("RGB")}): alpha dropped, 16-bit gray clipped, EXIF ignored.
     */
    public static ImageDecoder likeReference() {
        return new ImageDecoder(AlphaPolicy.DROP, SixteenBitPolicy.CLIP_LIKE_REFERENCE, false);
    }

    /** Returns a copy with another alpha policy. */
    public ImageDecoder withAlphaPolicy(AlphaPolicy policy) {
        return new ImageDecoder(policy, sixteenBitPolicy, applyExifOrientation);
    }

    /** Returns a copy with another 16-bit policy. */
    public ImageDecoder withSixteenBitPolicy(SixteenBitPolicy policy) {
        return new ImageDecoder(alphaPolicy, policy, applyExifOrientation);
    }

    /** Returns a copy that applies (true) or ignores (false) the EXIF orientation of JPEG files. */
    public ImageDecoder withExifOrientation(boolean apply) {
        return new ImageDecoder(alphaPolicy, sixteenBitPolicy, apply);
    }

    /** Returns the alpha policy. */
    public AlphaPolicy alphaPolicy() {
        return alphaPolicy;
    }

    /** Returns the 16-bit policy. */
    public SixteenBitPolicy sixteenBitPolicy() {
        return sixteenBitPolicy;
    }

    /** Returns whether EXIF orientation is applied. */
    public boolean appliesExifOrientation() {
        return applyExifOrientation;
    }

    /**
     * Returns the policy as one string for provenance records, e.g.
     * {@code alpha=DROP;sixteen_bit=SCALE;exif_orientation=APPLY}.
     */
    public String policy() {
        return "alpha=" + alphaPolicy + ";sixteen_bit=" + sixteenBitPolicy + ";exif_orientation="
                + (applyExifOrientation ? "APPLY" : "IGNORE");
    }

    /**
     * Decodes an image file.
     *
     * @throws UnsupportedImageException when the format or colour type is not supported (the
     *     message names the file)
     * @throws IOException when the file cannot be read or is corrupt
     */
    public DecodedImage decode(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        return decode(data, file.toString());
    }

    /**
     * Decodes an encoded image held in memory.
     *
     * @param sourceName the name used in messages and recorded in the result
     * @throws UnsupportedImageException when the format or colour type is not supported
     * @throws IOException when the data is corrupt
     */
    public DecodedImage decode(byte[] data, String sourceName) throws IOException {
        int orientation = 1;
        if (JpegHeader.isJpeg(data)) {
            JpegHeader header = JpegHeader.parse(data);
            if (header.components() == 4) {
                throw new UnsupportedImageException(sourceName + " is a CMYK or YCCK JPEG (4 colour components),"
                        + " which is not supported; convert it to RGB first");
            }
            orientation = header.orientation();
        }

        ReadResult read = read(data, sourceName);
        DecodedImage converted = convert(read.image(), sourceName, read.format(), pngMode(data));
        if (orientation == 1 || !applyExifOrientation) {
            return new DecodedImage(converted.image(), sourceName, read.format(), converted.mode(), orientation,
                    policy());
        }

        LOG.debug("applying EXIF orientation {} to {}", orientation, sourceName);
        RgbImage upright = converted.image();
        byte[] rotated = ExifOrientation.apply(upright.buffer(), upright.width(), upright.height(), orientation);
        boolean swap = ExifOrientation.swapsAxes(orientation);
        RgbImage image = RgbImage.wrap(swap ? upright.height() : upright.width(),
                swap ? upright.width() : upright.height(), rotated);
        return new DecodedImage(image, sourceName, read.format(), converted.mode(), orientation, policy());
    }

    /**
     * Converts an in-memory image with this decoder's alpha and 16-bit policies (EXIF does not
     * apply).
     *
     * @throws IllegalArgumentException when the colour model is not gray, RGB or indexed
     */
    public DecodedImage convert(BufferedImage image, String sourceName) {
        return convert(image, sourceName, "BufferedImage", null);
    }

    private DecodedImage convert(BufferedImage image, String sourceName, String format, String modeOverride) {
        RasterConverter.Converted converted;
        try {
            converted = RasterConverter.convert(image, alphaPolicy, sixteenBitPolicy);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(sourceName + ": " + e.getMessage(), e);
        }
        RgbImage rgb = RgbImage.wrap(image.getWidth(), image.getHeight(), converted.rgb());
        String mode = modeOverride != null ? modeOverride : converted.mode();
        return new DecodedImage(rgb, sourceName, format, mode, 1, policy());
    }

    private record ReadResult(BufferedImage image, String format) {
    }

    private static ReadResult read(byte[] data, String sourceName) throws IOException {
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new UnsupportedImageException("no decoder recognises " + sourceName
                        + "; supported formats are PNG, JPEG, BMP and GIF");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                BufferedImage image = reader.read(0);
                return new ReadResult(image, reader.getFormatName().toLowerCase(Locale.ROOT));
            } catch (javax.imageio.IIOException e) {
                if (String.valueOf(e.getMessage()).contains("Unsupported Image Type")) {
                    throw new UnsupportedImageException(sourceName + " has a colour type the decoder does not"
                            + " support (" + e.getMessage() + "); convert it to RGB first", e);
                }
                throw new IOException("failed to decode " + sourceName + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new IOException("failed to decode " + sourceName + ": " + e, e);
            } finally {
                reader.dispose();
            }
        }
    }

    /** Returns Pillow's mode name from a PNG header, or null for other formats. */
    private static String pngMode(byte[] data) {
        boolean png = data.length >= 26 && (data[0] & 0xFF) == 0x89 && data[1] == 'P' && data[2] == 'N'
                && data[3] == 'G';
        if (!png) {
            return null;
        }
        int bitDepth = data[24] & 0xFF;
        int colourType = data[25] & 0xFF;
        String sixteen = bitDepth == 16 ? ";16" : "";
        if (colourType == 0 && bitDepth == 16) {
            return "I;16";
        }
        if (colourType == 0 && bitDepth == 1) {
            return "1";
        }
        return switch (colourType) {
            case 0 -> "L";
            case 2 -> "RGB" + sixteen;
            case 3 -> "P";
            case 4 -> "LA" + sixteen;
            case 6 -> "RGBA" + sixteen;
            default -> null;
        };
    }
}
