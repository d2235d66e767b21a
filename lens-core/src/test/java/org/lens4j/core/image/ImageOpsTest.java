package org.lens4j.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ImageOpsTest {

    static LongStream seeds() {
        return LongStream.range(0, 20);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void constantImageStaysConstant(long seed) {
        Random random = new Random(seed);
        int[] colour = {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
        RgbImage image = RgbImage.filled(1 + random.nextInt(60), 1 + random.nextInt(60), colour);
        int width = 1 + random.nextInt(90);
        int height = 1 + random.nextInt(90);
        ResampleFilter filter = ResampleFilter.values()[random.nextInt(ResampleFilter.values().length)];

        RgbImage resized = ImageOps.resize(image, width, height, filter);

        // Normalised weights sum to 1, so a flat image stays flat at any scale.
        assertEquals(RgbImage.filled(width, height, colour), resized, "seed " + seed + ", filter " + filter);
    }

    @Test
    void bilinearDoublingInterpolates() {
        RgbImage row = RgbImage.of(2, 1, new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255});

        RgbImage doubled = ImageOps.resize(row, 4, 1, ResampleFilter.BILINEAR);

        // Output x has centre (x + 0.5) / 2 in input pixels. x = 1 (centre 0.75) covers inputs 0
        // and 1 with weights f(-0.25) = 0.75 and f(0.75) = 0.25: 0.25 * 255 = 63.75 -> 64.
        // x = 0 (centre 0.25) covers only input 0 and stays 0; x = 2 and 3 mirror them.
        assertArrayEquals(new int[] {0, 0, 0, 64, 64, 64, 191, 191, 191, 255, 255, 255}, doubled.toInts());
    }

    @Test
    void bicubicUpscaleClampsOvershoot() {
        RgbImage step = RgbImage.of(4, 1, new byte[] {0, 0, 0, 0, 0, 0, (byte) 255, (byte) 255, (byte) 255,
            (byte) 255, (byte) 255, (byte) 255});

        RgbImage resized = ImageOps.resize(step, 16, 1, ResampleFilter.BICUBIC);

        // The negative lobe of the cubic kernel rings below 0 and above 255; samples are clamped.
        int[] values = resized.toInts();
        assertEquals(0, values[0]);
        assertEquals(255, values[values.length - 1]);
        for (int i = 1; i < values.length; i++) {
            assertTrue(values[i] >= values[i - 1], "a clamped step stays monotonic at index " + i);
        }
    }

    @Test
    void sameSizeResizeIsCopy() {
        RgbImage image = noise(13, 7, 5);

        assertEquals(image, ImageOps.resize(image, 13, 7, ResampleFilter.BICUBIC));
    }

    @Test
    void invalidResizeTargetIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ImageOps.resize(noise(4, 4, 1), 0, 3, ResampleFilter.BICUBIC));

        assertTrue(error.getMessage().contains("0x3"), error.getMessage());
    }

    @ParameterizedTest
    @EnumSource(ResampleFilter.class)
    void pilCodeRoundTrips(ResampleFilter filter) {
        assertEquals(filter, ResampleFilter.fromPilCode(filter.pilCode()));
    }

    @Test
    void nearestFilterIsUnsupported() {
        UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class,
                () -> ResampleFilter.fromPilCode(0));

        assertTrue(error.getMessage().contains("NEAREST"), error.getMessage());
    }

    @Test
    void centerCropTakesFloorOffset() {
        RgbImage image = columns(5);

        RgbImage cropped = ImageOps.centerCrop(image, 2, 1);

        // (5 - 2) // 2 = 1: columns 1 and 2.
        assertArrayEquals(new int[] {1, 1, 1, 2, 2, 2}, cropped.toInts());
    }

    @Test
    void centerCropLargerThanImagePads() {
        RgbImage image = columns(2);

        RgbImage cropped = ImageOps.centerCrop(image, 5, 1);

        // The image goes to offset ceil((5 - 2) / 2) = 2 on a black canvas.
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0}, cropped.toInts());
    }

    @Test
    void padPlacesImageAtOffsets() {
        RgbImage padded = ImageOps.pad(RgbImage.filled(1, 1, new int[] {9, 9, 9}), 1, 0, 2, 1, new int[] {1, 2, 3});

        assertEquals(4, padded.width());
        assertEquals(2, padded.height());
        assertEquals(9, padded.sample(2, 1, 0));
        assertEquals(3, padded.sample(0, 0, 2));
    }

    @Test
    void cropOutsideImageIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ImageOps.crop(noise(4, 4, 1), 3, 0, 2, 2));

        assertTrue(error.getMessage().contains("4x4"), error.getMessage());
    }

    private static RgbImage noise(int width, int height, long seed) {
        byte[] bytes = new byte[width * height * 3];
        new Random(seed).nextBytes(bytes);
        return RgbImage.of(width, height, bytes);
    }

    /** Returns a one-row image whose column {@code x} has value {@code x} in every channel. */
    private static RgbImage columns(int width) {
        byte[] bytes = new byte[width * 3];
        for (int x = 0; x < width; x++) {
            bytes[3 * x] = (byte) x;
            bytes[3 * x + 1] = (byte) x;
            bytes[3 * x + 2] = (byte) x;
        }
        return RgbImage.of(width, 1, bytes);
    }
}
