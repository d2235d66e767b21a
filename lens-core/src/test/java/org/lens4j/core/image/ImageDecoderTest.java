package org.lens4j.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ImageDecoderTest {

    /** Allowed per-channel error at a quadrant centre after JPEG coding (measured: 1 level). */
    private static final int JPEG_TOLERANCE = 12;

    private static final int[] RED = {230, 20, 20};
    private static final int[] GREEN = {20, 230, 20};
    private static final int[] BLUE = {20, 20, 230};
    private static final int[] WHITE = {250, 250, 250};

    @TempDir
    Path folder;

    static java.util.List<String> referenceImages() {
        return PreprocessGoldens.imageStems();
    }

    @ParameterizedTest
    @MethodSource("referenceImages")
    void referenceImageModeMatchesNotes(String stem) throws IOException {
        DecodedImage decoded = PreprocessGoldens.decodeLikeReference(stem);

        var note = PreprocessGoldens.notes().getAsJsonObject(stem);
        assertEquals(note.get("mode").getAsString(), decoded.mode());
        assertEquals(note.getAsJsonArray("size_wh").get(0).getAsInt(), decoded.image().width());
        assertEquals(note.getAsJsonArray("size_wh").get(1).getAsInt(), decoded.image().height());
    }

    @Test
    void rgbPngRoundTrips() throws IOException {
        RgbImage image = noise(17, 9, 1);
        Path file = write(image.toBufferedImage(), "png", "rgb.png");

        DecodedImage decoded = ImageDecoder.withDefaults().decode(file);

        assertEquals(image, decoded.image());
        assertEquals("png", decoded.format());
        assertEquals("RGB", decoded.mode());
    }

    @Test
    void grayPngReplicatesRawValues() throws IOException {
        BufferedImage gray = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 100, 255});
        Path file = write(gray, "png", "gray.png");

        RgbImage image = ImageDecoder.withDefaults().decode(file).image();

        // No gamma curve: 100 stays 100 in every channel (getRGB would give 169).
        assertArrayEquals(new int[] {0, 0, 0, 100, 100, 100, 255, 255, 255}, image.toInts());
    }

    @Test
    void palettePngLooksUpColours() throws IOException {
        byte[] reds = {(byte) 255, 0, 0, 7};
        byte[] greens = {0, (byte) 255, 0, 8};
        byte[] blues = {0, 0, (byte) 255, 9};
        IndexColorModel palette = new IndexColorModel(8, 4, reds, greens, blues);
        BufferedImage indexed = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        indexed.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {3, 2, 1, 0});
        Path file = write(indexed, "png", "palette.png");

        DecodedImage decoded = ImageDecoder.withDefaults().decode(file);

        assertEquals("P", decoded.mode());
        assertArrayEquals(new int[] {7, 8, 9, 0, 0, 255, 0, 255, 0, 255, 0, 0}, decoded.image().toInts());
    }

    @Test
    void gray16ScalesByDefault() throws IOException {
        Path file = write(gray16(256, 32768, 65535), "png", "gray16.png");

        DecodedImage decoded = ImageDecoder.withDefaults().decode(file);

        // round(v / 257): 256 -> 1, 32768 -> 128 (127.50 rounds up), 65535 -> 255.
        assertEquals("I;16", decoded.mode());
        assertArrayEquals(new int[] {1, 1, 1, 128, 128, 128, 255, 255, 255}, decoded.image().toInts());
    }

    @Test
    void gray16ClipsLikeReference() throws IOException {
        Path file = write(gray16(7, 256, 65535), "png", "gray16.png");

        RgbImage image = ImageDecoder.likeReference().decode(file).image();

        // min(v, 255), Pillow's I;16 -> RGB conversion.
        assertArrayEquals(new int[] {7, 7, 7, 255, 255, 255, 255, 255, 255}, image.toInts());
    }

    @Test
    void rgb16KeepsHighByteLikeReference() throws IOException {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(1, 1);
        raster.setPixel(0, 0, new int[] {0x1280, 0xFFFF, 0x00FF});
        Path file = write(new BufferedImage(model, raster, false, null), "png", "rgb16.png");

        DecodedImage reference = ImageDecoder.likeReference().decode(file);
        DecodedImage scaled = ImageDecoder.withDefaults().decode(file);

        assertEquals("RGB;16", reference.mode());
        assertArrayEquals(new int[] {0x12, 0xFF, 0x00}, reference.image().toInts(), "v >> 8");
        // round(v / 257): 4736 / 257 = 18.43 -> 18, 65535 -> 255, 255 / 257 = 0.99 -> 1.
        assertArrayEquals(new int[] {18, 255, 1}, scaled.image().toInts(), "round(v / 257)");
    }

    @Test
    void rgbaDropsAlphaByDefault() throws IOException {
        Path file = write(rgba(new int[] {200, 100, 50, 0}, new int[] {10, 20, 30, 128}), "png", "rgba.png");

        DecodedImage decoded = ImageDecoder.withDefaults().decode(file);

        assertEquals("RGBA", decoded.mode());
        assertArrayEquals(new int[] {200, 100, 50, 10, 20, 30}, decoded.image().toInts());
    }

    @Test
    void rgbaCompositesOnWhite() throws IOException {
        Path file = write(rgba(new int[] {200, 100, 50, 0}, new int[] {0, 255, 30, 128}, new int[] {9, 8, 7, 255}),
                "png", "rgba.png");

        RgbImage image = ImageDecoder.withDefaults().withAlphaPolicy(AlphaPolicy.COMPOSITE_ON_WHITE).decode(file)
                .image();

        // Alpha 0 gives white; alpha 255 keeps the colour; alpha 128 over white gives
        // t = 128 * (c * 128 + 255 * 127) + 16384 and (t + (t >> 8)) >> 15: 127 for c = 0,
        // 255 for c = 255, 142 for c = 30.
        assertArrayEquals(new int[] {255, 255, 255, 127, 255, 142, 9, 8, 7}, image.toInts());
    }

    @Test
    void bmpAndGifDecodeExactly() throws IOException {
        RgbImage image = noise(5, 4, 2);
        byte[] reds = {1, 50, (byte) 200};
        IndexColorModel palette = new IndexColorModel(8, 3, reds, reds, reds);
        BufferedImage indexed = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        indexed.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {2, 1, 0});

        RgbImage bmp = ImageDecoder.withDefaults().decode(write(image.toBufferedImage(), "bmp", "a.bmp")).image();
        RgbImage gif = ImageDecoder.withDefaults().decode(write(indexed, "gif", "a.gif")).image();

        assertEquals(image, bmp);
        assertArrayEquals(new int[] {200, 200, 200, 50, 50, 50, 1, 1, 1}, gif.toInts());
    }

    @Test
    void jpegOrientationSixRotatesClockwise() throws IOException {
        // Stored 32x64: the upright 64x32 picture (red | green over blue | white) turned 90 degrees
        // counter-clockwise, so the top-right green corner is stored top-left.
        RgbImage stored = quadrants(32, 64, GREEN, WHITE, RED, BLUE);
        Path file = writeJpegWithOrientation(stored, 6, false);

        DecodedImage decoded = ImageDecoder.withDefaults().decode(file);

        assertEquals(6, decoded.exifOrientation());
        assertQuadrants(decoded.image(), 64, 32, RED, GREEN, BLUE, WHITE);
    }

    @Test
    void jpegOrientationEightRotatesCounterClockwise() throws IOException {
        // Stored 32x64: the upright picture turned 90 degrees clockwise.
        RgbImage stored = quadrants(32, 64, BLUE, RED, WHITE, GREEN);
        Path file = writeJpegWithOrientation(stored, 8, true);

        assertQuadrants(ImageDecoder.withDefaults().decode(file).image(), 64, 32, RED, GREEN, BLUE, WHITE);
    }

    @Test
    void jpegOrientationThreeRotates180() throws IOException {
        RgbImage stored = quadrants(64, 32, WHITE, BLUE, GREEN, RED);
        Path file = writeJpegWithOrientation(stored, 3, false);

        assertQuadrants(ImageDecoder.withDefaults().decode(file).image(), 64, 32, RED, GREEN, BLUE, WHITE);
    }

    @Test
    void jpegOrientationTwoMirrors() throws IOException {
        RgbImage stored = quadrants(64, 32, GREEN, RED, WHITE, BLUE);
        Path file = writeJpegWithOrientation(stored, 2, true);

        assertQuadrants(ImageDecoder.withDefaults().decode(file).image(), 64, 32, RED, GREEN, BLUE, WHITE);
    }

    @Test
    void jpegOrientationIgnoredWhenOff() throws IOException {
        RgbImage stored = quadrants(32, 64, GREEN, WHITE, RED, BLUE);
        Path file = writeJpegWithOrientation(stored, 6, false);

        DecodedImage decoded = ImageDecoder.withDefaults().withExifOrientation(false).decode(file);

        assertEquals(6, decoded.exifOrientation());
        assertTrue(decoded.policy().contains("exif_orientation=IGNORE"), decoded.policy());
        assertQuadrants(decoded.image(), 32, 64, GREEN, WHITE, RED, BLUE);
    }

    @Test
    void cmykJpegIsRejectedNamingFile() throws IOException {
        Path file = folder.resolve("cmyk.jpg");
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 8, 8, 4, null);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }

        UnsupportedImageException error = assertThrows(UnsupportedImageException.class,
                () -> ImageDecoder.withDefaults().decode(file));

        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("CMYK"), error.getMessage());
    }

    @Test
    void unknownFormatIsRejected() throws IOException {
        Path file = folder.resolve("notes.txt");
        Files.writeString(file, "not an image");

        UnsupportedImageException error = assertThrows(UnsupportedImageException.class,
                () -> ImageDecoder.withDefaults().decode(file));

        assertTrue(error.getMessage().contains("notes.txt"), error.getMessage());
        assertTrue(error.getMessage().contains("PNG, JPEG, BMP and GIF"), error.getMessage());
    }

    @Test
    void truncatedPngFailsNamingFile() throws IOException {
        byte[] png = Files.readAllBytes(write(noise(40, 40, 3).toBufferedImage(), "png", "full.png"));
        Path file = folder.resolve("truncated.png");
        Files.write(file, Arrays.copyOf(png, 60));

        IOException error = assertThrows(IOException.class, () -> ImageDecoder.withDefaults().decode(file));

        assertTrue(error.getMessage().contains("truncated.png"), error.getMessage());
    }

    @Test
    void bufferedGrayImageConvertsWithoutGamma() {
        BufferedImage gray = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 100);

        RgbImage image = RgbImage.fromBufferedImage(gray);

        assertArrayEquals(new int[] {100, 100, 100}, image.toInts());
    }

    @Test
    void bufferedArgbImageDropsAlpha() {
        BufferedImage argb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x10203040);

        RgbImage image = RgbImage.fromBufferedImage(argb);

        assertArrayEquals(new int[] {0x20, 0x30, 0x40}, image.toInts());
    }

    @Test
    void policyNamesEverySetting() {
        String policy = ImageDecoder.likeReference().policy();

        assertEquals("alpha=DROP;sixteen_bit=CLIP_LIKE_REFERENCE;exif_orientation=IGNORE", policy);
    }

    // ---- fixtures ----

    private Path write(BufferedImage image, String format, String name) throws IOException {
        Path file = folder.resolve(name);
        assertTrue(ImageIO.write(image, format, file.toFile()), "no " + format + " writer for " + image);
        return file;
    }

    private static RgbImage noise(int width, int height, long seed) {
        byte[] bytes = new byte[width * height * 3];
        new java.util.Random(seed).nextBytes(bytes);
        return RgbImage.of(width, height, bytes);
    }

    private static BufferedImage gray16(int... values) {
        BufferedImage image = new BufferedImage(values.length, 1, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setSamples(0, 0, values.length, 1, 0, values);
        return image;
    }

    private static BufferedImage rgba(int[]... pixels) {
        BufferedImage image = new BufferedImage(pixels.length, 1, BufferedImage.TYPE_4BYTE_ABGR);
        for (int x = 0; x < pixels.length; x++) {
            image.getRaster().setPixel(x, 0, pixels[x]);
        }
        return image;
    }

    /** Returns an image whose four quadrants have the given colours. */
    private static RgbImage quadrants(int width, int height, int[] topLeft, int[] topRight, int[] bottomLeft,
            int[] bottomRight) {
        byte[] bytes = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] colour;
                if (y < height / 2) {
                    colour = x < width / 2 ? topLeft : topRight;
                } else {
                    colour = x < width / 2 ? bottomLeft : bottomRight;
                }
                for (int c = 0; c < 3; c++) {
                    bytes[(y * width + x) * 3 + c] = (byte) colour[c];
                }
            }
        }
        return RgbImage.of(width, height, bytes);
    }

    private static void assertQuadrants(RgbImage image, int width, int height, int[] topLeft, int[] topRight,
            int[] bottomLeft, int[] bottomRight) {
        assertEquals(width, image.width(), "width");
        assertEquals(height, image.height(), "height");
        assertColour(image, width / 4, height / 4, topLeft, "top-left");
        assertColour(image, 3 * width / 4, height / 4, topRight, "top-right");
        assertColour(image, width / 4, 3 * height / 4, bottomLeft, "bottom-left");
        assertColour(image, 3 * width / 4, 3 * height / 4, bottomRight, "bottom-right");
    }

    private static void assertColour(RgbImage image, int x, int y, int[] expected, String where) {
        for (int c = 0; c < 3; c++) {
            int actual = image.sample(x, y, c);
            assertTrue(Math.abs(actual - expected[c]) <= JPEG_TOLERANCE, where + " channel " + c + ": expected "
                    + expected[c] + ", actual " + actual);
        }
    }

    /** Writes a JPEG and inserts an APP1 Exif segment with IFD0 holding only the orientation tag. */
    private Path writeJpegWithOrientation(RgbImage image, int orientation, boolean littleEndian) throws IOException {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image.toBufferedImage(), "jpeg", jpeg));
        byte[] plain = jpeg.toByteArray();
        byte[] app1 = exifSegment(orientation, littleEndian);

        // Insert after SOI and the JFIF APP0 segment, whose length follows its marker.
        int app0Length = ((plain[4] & 0xFF) << 8) | (plain[5] & 0xFF);
        int insertAt = 4 + app0Length;
        byte[] withExif = new byte[plain.length + app1.length];
        System.arraycopy(plain, 0, withExif, 0, insertAt);
        System.arraycopy(app1, 0, withExif, insertAt, app1.length);
        System.arraycopy(plain, insertAt, withExif, insertAt + app1.length, plain.length - insertAt);
        Path file = folder.resolve("oriented-" + orientation + ".jpg");
        Files.write(file, withExif);
        return file;
    }

    private static byte[] exifSegment(int orientation, boolean littleEndian) {
        java.nio.ByteBuffer tiff = java.nio.ByteBuffer.allocate(26)
                .order(littleEndian ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        tiff.put(littleEndian ? (byte) 'I' : (byte) 'M').put(littleEndian ? (byte) 'I' : (byte) 'M');
        tiff.putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] exifHeader = {'E', 'x', 'i', 'f', 0, 0};
        int length = 2 + exifHeader.length + tiff.capacity();
        byte[] segment = new byte[2 + length];
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) 0xE1;
        segment[2] = (byte) (length >> 8);
        segment[3] = (byte) length;
        System.arraycopy(exifHeader, 0, segment, 4, exifHeader.length);
        System.arraycopy(tiff.array(), 0, segment, 4 + exifHeader.length, tiff.capacity());
        return segment;
    }
}
