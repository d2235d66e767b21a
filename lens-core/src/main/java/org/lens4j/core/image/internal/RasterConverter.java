package org.lens4j.core.image.internal;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import org.lens4j.core.image.AlphaPolicy;
import org.lens4j.core.image.SixteenBitPolicy;

/**
 * Converts a {@link BufferedImage} to interleaved 8-bit RGB from its raw samples, the way Pillow's
 * {@code convert("RGB")} does: gray is replicated to three channels without any gamma or colour
 * management, palette indices are looked up, alpha is dropped or blended.
 *
 * <p>{@link BufferedImage#getRGB(int, int)} is used only for colour models in sRGB that none of the
 * cases above covers, because for gray images it applies a linear-to-sRGB curve.
 */
public final class RasterConverter {

    /**
     * Converted pixels with the mode of their source.
     *
     * @param rgb interleaved RGB bytes, {@code [height, width, 3]}
     * @param mode Pillow's name for the source mode ({@code L}, {@code P}, {@code RGBA}, ...)
     */
    public record Converted(byte[] rgb, String mode) {
    }

    private RasterConverter() {
    }

    /**
     * Converts the image.
     *
     * @throws IllegalArgumentException when the colour model is not gray, RGB or indexed, or the
     *     samples are not 1–16-bit integers
     */
    public static Converted convert(BufferedImage image, AlphaPolicy alphaPolicy, SixteenBitPolicy sixteenBit) {
        ColorModel model = image.getColorModel();
        if (model instanceof IndexColorModel palette) {
            return new Converted(fromPalette(image.getRaster(), palette, alphaPolicy), "P");
        }
        int colourType = model.getColorSpace().getType();
        boolean gray = colourType == ColorSpace.TYPE_GRAY && model.getNumColorComponents() == 1;
        boolean rgb = colourType == ColorSpace.TYPE_RGB && model.getNumColorComponents() == 3;
        boolean integerSamples = image.getRaster().getDataBuffer().getDataType() != DataBuffer.TYPE_FLOAT
                && image.getRaster().getDataBuffer().getDataType() != DataBuffer.TYPE_DOUBLE;
        if ((gray || rgb) && integerSamples && !model.isAlphaPremultiplied()
                && (model instanceof ComponentColorModel || model instanceof DirectColorModel)) {
            return fromComponents(image.getRaster(), model, gray, alphaPolicy, sixteenBit);
        }
        if (model.getColorSpace().isCS_sRGB()) {
            return new Converted(fromArgb(image, alphaPolicy), model.hasAlpha() ? "RGBA" : "RGB");
        }
        throw new IllegalArgumentException("unsupported colour model " + model.getClass().getSimpleName()
                + " with colour space type " + colourType + " and " + model.getNumComponents()
                + " components; only gray, RGB and palette images can be converted");
    }

    private static byte[] fromPalette(Raster raster, IndexColorModel palette, AlphaPolicy alphaPolicy) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        byte[] out = new byte[width * height * 3];
        int[] indices = new int[width];
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, indices);
            for (int x = 0; x < width; x++) {
                int index = indices[x];
                int alpha = palette.getAlpha(index);
                int target = (y * width + x) * 3;
                out[target] = blend(palette.getRed(index), alpha, 255, alphaPolicy);
                out[target + 1] = blend(palette.getGreen(index), alpha, 255, alphaPolicy);
                out[target + 2] = blend(palette.getBlue(index), alpha, 255, alphaPolicy);
            }
        }
        return out;
    }

    private static Converted fromComponents(Raster raster, ColorModel model, boolean gray,
            AlphaPolicy alphaPolicy, SixteenBitPolicy sixteenBit) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int colourBands = gray ? 1 : 3;
        boolean hasAlpha = model.hasAlpha();
        int[] bits = raster.getSampleModel().getSampleSize();
        int alphaMax = hasAlpha ? (1 << bits[colourBands]) - 1 : 255;

        byte[] out = new byte[width * height * 3];
        int[][] rows = new int[colourBands][width];
        int[] alphaRow = new int[width];
        for (int y = 0; y < height; y++) {
            for (int band = 0; band < colourBands; band++) {
                raster.getSamples(0, y, width, 1, band, rows[band]);
            }
            if (hasAlpha) {
                raster.getSamples(0, y, width, 1, colourBands, alphaRow);
            }
            for (int x = 0; x < width; x++) {
                int alpha = hasAlpha ? alphaRow[x] : alphaMax;
                int target = (y * width + x) * 3;
                for (int c = 0; c < 3; c++) {
                    int band = gray ? 0 : c;
                    int value = toEightBit(rows[band][x], bits[band], gray && !hasAlpha, sixteenBit);
                    out[target + c] = blend(value, alpha, alphaMax, alphaPolicy);
                }
            }
        }
        return new Converted(out, componentMode(gray, hasAlpha, bits[0]));
    }

    /**
     * Maps one sample of {@code bits} bits to 0–255. Other sizes below 16 bits are scaled by
     * {@code 255 / (2^bits - 1)} with truncation, as Pillow's unpackers do.
     */
    static int toEightBit(int raw, int bits, boolean plainGray, SixteenBitPolicy sixteenBit) {
        if (bits == 8) {
            return raw;
        }
        if (bits == 16) {
            if (sixteenBit == SixteenBitPolicy.SCALE) {
                return (raw + 128) / 257;
            }
            return plainGray ? Math.min(raw, 255) : raw >> 8;
        }
        if (bits >= 1 && bits < 16) {
            return raw * 255 / ((1 << bits) - 1);
        }
        throw new IllegalArgumentException("unsupported sample size of " + bits + " bits; expected 1-16");
    }

    private static byte[] fromArgb(BufferedImage image, AlphaPolicy alphaPolicy) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] out = new byte[width * height * 3];
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int argb = row[x];
                int alpha = argb >>> 24;
                int target = (y * width + x) * 3;
                out[target] = blend((argb >> 16) & 0xFF, alpha, 255, alphaPolicy);
                out[target + 1] = blend((argb >> 8) & 0xFF, alpha, 255, alphaPolicy);
                out[target + 2] = blend(argb & 0xFF, alpha, 255, alphaPolicy);
            }
        }
        return out;
    }

    private static byte blend(int value, int alpha, int alphaMax, AlphaPolicy policy) {
        if (policy == AlphaPolicy.DROP) {
            return (byte) value;
        }
        int alpha8;
        if (alphaMax == 255) {
            alpha8 = alpha;
        } else if (alphaMax == 65535) {
            alpha8 = alpha >> 8;
        } else {
            alpha8 = alpha * 255 / alphaMax;
        }
        return (byte) compositeOnWhite(value, alpha8);
    }

    /**
     * Blends an 8-bit colour with 8-bit alpha over opaque white exactly as Pillow's
     * {@code alpha_composite}: weights with 7 fraction bits, rounded division by 255.
     */
    static int compositeOnWhite(int value, int alpha) {
        if (alpha == 0) {
            return 255;
        }
        int sourceWeight = alpha << 7;
        int backgroundWeight = (255 << 7) - sourceWeight;
        int sum = value * sourceWeight + 255 * backgroundWeight + (0x80 << 7);
        return (((sum >> 8) + sum) >> 8) >> 7;
    }

    private static String componentMode(boolean gray, boolean hasAlpha, int bits) {
        String base;
        if (gray) {
            base = hasAlpha ? "LA" : "L";
        } else {
            base = hasAlpha ? "RGBA" : "RGB";
        }
        if (bits == 16) {
            return gray && !hasAlpha ? "I;16" : base + ";16";
        }
        if (gray && !hasAlpha && bits == 1) {
            return "1";
        }
        return base;
    }
}
