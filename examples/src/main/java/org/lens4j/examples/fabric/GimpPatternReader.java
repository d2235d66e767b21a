package org.lens4j.examples.fabric;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads GIMP pattern files ({@code .pat}): a big-endian header (header size, version 1, width,
 * height, bytes per pixel, the magic {@code GPAT}, a NUL-terminated name) followed by raw pixels,
 * 1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA) bytes each. Alpha is dropped.
 */
public final class GimpPatternReader {

    private static final int MAGIC = 0x47504154; // "GPAT"
    private static final int FIXED_HEADER_BYTES = 24;

    private GimpPatternReader() {
    }

    /**
     * Reads a pattern file into an RGB image.
     *
     * @throws IOException when the file cannot be read or is not a valid pattern, naming the file
     */
    public static BufferedImage read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < FIXED_HEADER_BYTES) {
            throw new IOException("not a GIMP pattern (file shorter than its header): " + file);
        }
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        int headerSize = header.getInt(0);
        int width = header.getInt(8);
        int height = header.getInt(12);
        int channels = header.getInt(16);
        if (header.getInt(20) != MAGIC) {
            throw new IOException("not a GIMP pattern (magic GPAT missing): " + file);
        }
        if (channels < 1 || channels > 4 || width <= 0 || height <= 0 || headerSize < FIXED_HEADER_BYTES) {
            throw new IOException("invalid GIMP pattern header in " + file + ": " + width + "x" + height
                    + ", " + channels + " bytes per pixel, header " + headerSize + " bytes");
        }
        long needed = (long) headerSize + (long) width * height * channels;
        if (needed > bytes.length) {
            throw new IOException("truncated GIMP pattern " + file + ": needs " + needed + " bytes, has "
                    + bytes.length);
        }
        return toImage(bytes, headerSize, width, height, channels);
    }

    private static BufferedImage toImage(byte[] bytes, int offset, int width, int height, int channels) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int position = offset;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r;
                int g;
                int b;
                if (channels <= 2) {
                    r = bytes[position] & 0xFF;
                    g = r;
                    b = r;
                } else {
                    r = bytes[position] & 0xFF;
                    g = bytes[position + 1] & 0xFF;
                    b = bytes[position + 2] & 0xFF;
                }
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
                position += channels;
            }
        }
        return image;
    }
}
