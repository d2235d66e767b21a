package org.lens4j.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class RgbImageTest {

    @Test
    void wrongByteCountIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RgbImage.of(2, 2, new byte[11]));

        assertTrue(error.getMessage().contains("11"), error.getMessage());
        assertTrue(error.getMessage().contains("12"), error.getMessage());
    }

    @Test
    void inputArrayIsCopied() {
        byte[] bytes = {1, 2, 3};
        RgbImage image = RgbImage.of(1, 1, bytes);

        bytes[0] = 99;

        assertEquals(1, image.sample(0, 0, 0));
        assertNotSame(image.toBytes(), image.toBytes());
    }

    @Test
    void samplesAreUnsigned() {
        RgbImage image = RgbImage.of(1, 1, new byte[] {(byte) 200, (byte) 255, 0});

        assertEquals(200, image.sample(0, 0, 0));
        assertEquals(255, image.sample(0, 0, 1));
    }

    @Test
    void sampleOutsideImageThrows() {
        RgbImage image = RgbImage.filled(2, 2, new int[] {0, 0, 0});

        IndexOutOfBoundsException error = assertThrows(IndexOutOfBoundsException.class, () -> image.sample(2, 0, 0));

        assertTrue(error.getMessage().contains("x=2"), error.getMessage());
    }

    @Test
    void bufferedImageRoundTrips() {
        RgbImage image = RgbImage.of(2, 1, new byte[] {10, 20, 30, (byte) 240, (byte) 250, 5});

        BufferedImage buffered = image.toBufferedImage();

        assertEquals(0x0A141E, buffered.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(image, RgbImage.fromBufferedImage(buffered));
    }

    @Test
    void invalidFillColourIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RgbImage.filled(1, 1, new int[] {0, 256, 0}));

        assertTrue(error.getMessage().contains("0-255"), error.getMessage());
    }
}
