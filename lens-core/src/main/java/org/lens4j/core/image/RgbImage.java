package org.lens4j.core.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;

/**
 * An immutable 8-bit RGB raster stored row-major and interleaved: byte {@code (y * width + x) * 3
 * + c} contains channel {@code c} (0 red, 1 green, 2 blue) of the pixel at column {@code x}, row
 * {@code y}, as an unsigned value 0–255.
 *
 * <p>This is the layout of a NumPy {@code uint8} array of shape {@code [height, width, 3]}, the
 * form Hugging Face image processors work on before rescaling.
 */
public final class RgbImage {

    private final int width;
    private final int height;
    private final byte[] pixels;

    private RgbImage(int width, int height, byte[] pixels) {
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /**
     * Creates an image from interleaved RGB bytes (copied).
     *
     * @param width columns, at least 1
     * @param height rows, at least 1
     * @param rgb {@code width * height * 3} bytes, row-major, interleaved
     * @throws IllegalArgumentException when a size is not positive or the length does not match
     */
    public static RgbImage of(int width, int height, byte[] rgb) {
        checkSize(width, height);
        long expected = (long) width * height * 3;
        if (rgb.length != expected) {
            throw new IllegalArgumentException("rgb has " + rgb.length + " bytes but a " + width + "x"
                    + height + " RGB image needs " + expected);
        }
        return new RgbImage(width, height, rgb.clone());
    }

    /**
     * Creates an image filled with one colour.
     *
     * @param rgb the red, green and blue values, each 0–255
     */
    public static RgbImage filled(int width, int height, int[] rgb) {
        checkSize(width, height);
        checkColour(rgb);
        byte[] pixels = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
        for (int i = 0; i < pixels.length; i += 3) {
            pixels[i] = (byte) rgb[0];
            pixels[i + 1] = (byte) rgb[1];
            pixels[i + 2] = (byte) rgb[2];
        }
        return new RgbImage(width, height, pixels);
    }

    /**
     * Converts a {@link BufferedImage} with {@link ImageDecoder#withDefaults()}: alpha dropped,
     * 16-bit samples scaled, gray and palette images expanded to RGB from their raw sample values.
     *
     * @throws IllegalArgumentException when the colour model is not gray, RGB or indexed
     */
    public static RgbImage fromBufferedImage(BufferedImage image) {
        return ImageDecoder.withDefaults().convert(image, "BufferedImage").image();
    }

    /** Takes ownership of {@code pixels} without copying; the caller must not keep a reference. */
    static RgbImage wrap(int width, int height, byte[] pixels) {
        checkSize(width, height);
        if (pixels.length != (long) width * height * 3) {
            throw new IllegalArgumentException("pixel buffer of " + pixels.length + " bytes does not fit "
                    + width + "x" + height + "x3");
        }
        return new RgbImage(width, height, pixels);
    }

    /** Returns the number of columns. */
    public int width() {
        return width;
    }

    /** Returns the number of rows. */
    public int height() {
        return height;
    }

    /**
     * Returns one sample as an unsigned value 0–255.
     *
     * @param x column
     * @param y row
     * @param channel 0 red, 1 green, 2 blue
     * @throws IndexOutOfBoundsException when a coordinate is outside the image
     */
    public int sample(int x, int y, int channel) {
        if (x < 0 || x >= width || y < 0 || y >= height || channel < 0 || channel > 2) {
            throw new IndexOutOfBoundsException("pixel (x=" + x + ", y=" + y + ", channel=" + channel
                    + ") is outside a " + width + "x" + height + " RGB image");
        }
        return pixels[(y * width + x) * 3 + channel] & 0xFF;
    }

    /** Returns a copy of the interleaved RGB bytes, {@code [height, width, 3]} row-major. */
    public byte[] toBytes() {
        return pixels.clone();
    }

    /** Returns the samples as unsigned ints 0–255, {@code [height, width, 3]} row-major. */
    public int[] toInts() {
        int[] values = new int[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            values[i] = pixels[i] & 0xFF;
        }
        return values;
    }

    /** Returns a new {@link BufferedImage#TYPE_3BYTE_BGR} image with the same pixels. */
    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i += 3) {
            bgr[i] = pixels[i + 2];
            bgr[i + 1] = pixels[i + 1];
            bgr[i + 2] = pixels[i];
        }
        return image;
    }

    /** Returns the internal buffer; callers in this package must not modify it. */
    byte[] buffer() {
        return pixels;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RgbImage that
                && width == that.width
                && height == that.height
                && Arrays.equals(pixels, that.pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }

    static void checkSize(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be at least 1x1, got " + width + "x" + height);
        }
    }

    static void checkColour(int[] rgb) {
        if (rgb.length != 3) {
            throw new IllegalArgumentException("a colour needs 3 values (red, green, blue), got "
                    + Arrays.toString(rgb));
        }
        for (int value : rgb) {
            if (value < 0 || value > 255) {
                throw new IllegalArgumentException("colour values must be 0-255, got " + Arrays.toString(rgb));
            }
        }
    }
}
