package org.lens4j.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Qwen2VlImageProcessorTest {

    static Stream<Arguments> goldenCases() {
        return Stream.of("qwen2_vl", "qwen2_vl_small")
                .flatMap(name -> PreprocessGoldens.stemsWithOutput(name).stream().map(stem -> Arguments.of(name, stem)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("goldenCases")
    void pixelValuesMatchReference(String processorName, String stem) throws IOException {
        Qwen2VlImageProcessor processor = Qwen2VlImageProcessor.fromConfig(PreprocessGoldens.config(processorName));
        GoldenTensors golden = PreprocessGoldens.tensors(processorName);

        ProcessedImage out = processor.process(PreprocessGoldens.decodeLikeReference(stem).image());

        PreprocessGoldens.assertPixelsMatch(processorName + "/" + stem, golden.get(stem + "/pixel_values"), out);
        assertArrayEquals(golden.get(stem + "/image_grid_thw").longs(), out.gridThw().orElseThrow().toArray());
    }

    @Test
    void smartResizeKeepsNarrowSideAtOneFactor() {
        Qwen2VlImageProcessor processor = Qwen2VlImageProcessor.withDefaults().withMaxPixels(15680);

        // Reference formula gives floor(31 / sqrt(639 * 31 / 15680) / 28) * 28 = 0 for the width.
        ImageSize size = processor.smartResize(639, 31);

        assertEquals(new ImageSize(560, 28), size);
    }

    @Test
    void smartResizeScalesTinyImageToMinPixels() {
        // round(16 / 28) * 28 = 0 -> 28; 28 * 28 < 3136, so b = sqrt(3136 / 256) = 3.5 and
        // each side becomes ceil(16 * 3.5 / 28) * 28 = 56.
        ImageSize size = Qwen2VlImageProcessor.withDefaults().smartResize(16, 16);

        assertEquals(new ImageSize(56, 56), size);
    }

    @Test
    void tinyImageGivesFourByFourGrid() {
        ProcessedImage out = Qwen2VlImageProcessor.withDefaults().process(RgbImage.filled(16, 16, new int[] {9, 99, 199}));

        assertArrayEquals(new long[] {1, 4, 4}, out.gridThw().orElseThrow().toArray());
        assertArrayEquals(new long[] {16, 1176}, out.shape());
    }

    @Test
    void imagesReferenceRejectsAreProcessed() throws IOException {
        for (String stem : PreprocessGoldens.imageStems()) {
            if (PreprocessGoldens.referenceError(stem, "qwen2_vl").isEmpty()) {
                continue;
            }
            RgbImage image = PreprocessGoldens.decodeLikeReference(stem).image();
            Qwen2VlImageProcessor processor = Qwen2VlImageProcessor.fromConfig(PreprocessGoldens.config("qwen2_vl"));
            ImageSize target = processor.smartResize(image.height(), image.width());

            ProcessedImage out = processor.process(image);

            GridThw grid = out.gridThw().orElseThrow();
            assertEquals(target.height() / 14, grid.height(), stem + ": grid height");
            assertEquals(target.width() / 14, grid.width(), stem + ": grid width");
            assertTrue(target.height() * target.width() >= processor.minPixels(), stem + ": area below min_pixels");
        }
    }

    @Test
    void aspectRatioAboveLimitIsRejected() {
        Qwen2VlImageProcessor processor = Qwen2VlImageProcessor.withDefaults();

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> processor.process(RgbImage.filled(201, 1, new int[] {0, 0, 0})));

        assertTrue(error.getMessage().contains("aspect ratio"), error.getMessage());
        assertTrue(error.getMessage().contains("200"), error.getMessage());
    }

    @Test
    void minPixelsAboveMaxPixelsIsConfigError() {
        PreprocessorConfig config = PreprocessorConfig.fromMap(Map.of("min_pixels", 20000, "max_pixels", 10000));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Qwen2VlImageProcessor.fromConfig(config));

        assertTrue(error.getMessage().contains("min_pixels (20000)"), error.getMessage());
        assertTrue(error.getMessage().contains("max_pixels (10000)"), error.getMessage());
    }

    @Test
    void configReadsSizeWhenPixelKeysAbsent() {
        PreprocessorConfig config = PreprocessorConfig.fromJson(
                "{\"size\": {\"shortest_edge\": 1000, \"longest_edge\": 5000}}");

        Qwen2VlImageProcessor processor = Qwen2VlImageProcessor.fromConfig(config);

        assertEquals(1000, processor.minPixels());
        assertEquals(5000, processor.maxPixels());
    }

    @Test
    void configPixelKeysOverrideSize() {
        PreprocessorConfig config = PreprocessorConfig.fromJson("{\"min_pixels\": 3136, \"max_pixels\": 12845056,"
                + " \"size\": {\"shortest_edge\": 1000, \"longest_edge\": 5000}}");

        Qwen2VlImageProcessor processor = Qwen2VlImageProcessor.fromConfig(config);

        assertEquals(3136, processor.minPixels());
        assertEquals(12845056, processor.maxPixels());
    }

    @Test
    void patchRowsFollowMergeWindowOrder() {
        // 56x56 needs no resize (smart_resize returns 56x56), so every 14x14 patch keeps a
        // distinct red value 10 * patchRow + patchColumn.
        byte[] bytes = new byte[56 * 56 * 3];
        for (int y = 0; y < 56; y++) {
            for (int x = 0; x < 56; x++) {
                bytes[(y * 56 + x) * 3] = (byte) (10 * (y / 14) + x / 14);
            }
        }
        Qwen2VlImageProcessor processor = Qwen2VlImageProcessor.fromConfig(PreprocessorConfig.fromMap(Map.of(
                "do_rescale", false, "do_normalize", false)));

        float[] values = processor.process(RgbImage.of(56, 56, bytes)).pixelValues();

        int row = 0;
        for (int blockY = 0; blockY < 2; blockY++) {
            for (int blockX = 0; blockX < 2; blockX++) {
                for (int innerY = 0; innerY < 2; innerY++) {
                    for (int innerX = 0; innerX < 2; innerX++) {
                        float expected = 10 * (blockY * 2 + innerY) + blockX * 2 + innerX;
                        assertEquals(expected, values[row * 1176], "row " + row + " frame 0");
                        assertEquals(expected, values[row * 1176 + 196], "row " + row + " frame 1");
                        row++;
                    }
                }
            }
        }
    }
}
