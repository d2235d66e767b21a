package org.lens4j.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JanusImageProcessorTest {

    private static final int[] ORANGE = {250, 120, 10};

    @Test
    void longSideBecomesSize() {
        // d = 384 / 768 = 0.5, so 384x768 (height x width) resizes to 192x384.
        assertEquals(new ImageSize(192, 384), JanusImageProcessor.withDefaults().resizedSize(384, 768));
    }

    @Test
    void shortSideKeepsMinSize() {
        // d = 384 / 1000; int(10 * 0.384) = 3 < min_size 14.
        assertEquals(new ImageSize(14, 384), JanusImageProcessor.withDefaults().resizedSize(10, 1000));
    }

    @Test
    void wideImageIsPaddedTopAndBottomWith127() {
        RgbImage prepared = JanusImageProcessor.withDefaults().prepare(RgbImage.filled(768, 384, ORANGE));

        assertEquals(384, prepared.width());
        assertEquals(384, prepared.height());
        // The 192-row image sits at offset (384 - 192) // 2 = 96.
        assertEquals(127, prepared.sample(0, 95, 0), "last padding row");
        assertEquals(ORANGE[0], prepared.sample(0, 96, 0), "first image row");
        assertEquals(ORANGE[0], prepared.sample(383, 287, 0), "last image row");
        assertEquals(127, prepared.sample(383, 288, 2), "first padding row below");
    }

    @Test
    void tallImageIsPaddedLeftAndRight() {
        RgbImage prepared = JanusImageProcessor.withDefaults().prepare(RgbImage.filled(100, 300, ORANGE));

        // d = 384 / 300 = 1.28: width int(100 * 1.28) = 128, offset (384 - 128) // 2 = 128.
        assertEquals(127, prepared.sample(127, 200, 1), "last padding column");
        assertEquals(ORANGE[1], prepared.sample(128, 200, 1), "first image column");
        assertEquals(ORANGE[1], prepared.sample(255, 200, 1), "last image column");
        assertEquals(127, prepared.sample(256, 200, 1), "first padding column on the right");
    }

    @Test
    void paddingNormalisesToMeanOffset() {
        ProcessedImage out = JanusImageProcessor.withDefaults().process(RgbImage.filled(768, 384, ORANGE));

        assertArrayEquals(new long[] {3, 384, 384}, out.shape());
        float padding = (float) (127 * Normalization.ONE_OVER_255);
        assertEquals((padding - 0.5f) / 0.5f, out.pixelValues()[0]);
    }

    @Test
    void originalConfigKeysAreRead() {
        JanusImageProcessor processor = JanusImageProcessor.fromConfig(PreprocessorConfig.fromJson(
                "{\"image_size\": 64, \"min_size\": 4, \"background_color\": [1, 2, 3],"
                        + " \"image_processor_type\": \"VLMImageProcessor\"}"));

        RgbImage prepared = processor.prepare(RgbImage.filled(128, 32, ORANGE));

        assertEquals(64, prepared.width());
        assertEquals(3, prepared.sample(0, 0, 2), "background_color blue");
    }

    @Test
    void backgroundFollowsMean() {
        // int(0.48145466 * 255) = 122, int(0.4578275 * 255) = 116, int(0.40821073 * 255) = 104.
        JanusImageProcessor processor = JanusImageProcessor.fromConfig(PreprocessorConfig.fromMap(Map.of(
                "image_mean", java.util.List.of(0.48145466, 0.4578275, 0.40821073))));

        RgbImage prepared = processor.prepare(RgbImage.filled(768, 384, ORANGE));

        assertEquals(122, prepared.sample(0, 0, 0));
        assertEquals(116, prepared.sample(0, 0, 1));
        assertEquals(104, prepared.sample(0, 0, 2));
    }

    @Test
    void nonSquareSizeIsRejected() {
        PreprocessorConfig config = PreprocessorConfig.fromJson("{\"size\": {\"height\": 384, \"width\": 256}}");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> JanusImageProcessor.fromConfig(config));

        assertTrue(error.getMessage().contains("square"), error.getMessage());
    }
}
