package org.lens4j.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResizeCropProcessorsTest {

    private static final Map<String, Function<PreprocessorConfig, ImageProcessor>> FACTORIES = Map.of(
            "clip_224", ClipImageProcessor::fromConfig,
            "clip_336", ClipImageProcessor::fromConfig,
            "siglip_224", SiglipImageProcessor::fromConfig,
            "blip_224", BlipImageProcessor::fromConfig);

    static Stream<Arguments> goldenCases() {
        return FACTORIES.keySet().stream().sorted()
                .flatMap(name -> PreprocessGoldens.stemsWithOutput(name).stream().map(stem -> Arguments.of(name, stem)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("goldenCases")
    void pixelValuesMatchReference(String processorName, String stem) throws IOException {
        ImageProcessor processor = FACTORIES.get(processorName).apply(PreprocessGoldens.config(processorName));

        ProcessedImage out = processor.process(PreprocessGoldens.decodeLikeReference(stem).image());

        PreprocessGoldens.assertPixelsMatch(processorName + "/" + stem,
                PreprocessGoldens.tensors(processorName).get(stem + "/pixel_values"), out);
    }

    @Test
    void siglipProcessesInputsReferenceRejects() throws IOException {
        SiglipImageProcessor processor = SiglipImageProcessor.fromConfig(PreprocessGoldens.config("siglip_224"));
        for (String stem : PreprocessGoldens.imageStems()) {
            if (PreprocessGoldens.referenceError(stem, "siglip_224").isEmpty()) {
                continue;
            }

            ProcessedImage out = processor.process(PreprocessGoldens.decodeLikeReference(stem).image());

            assertArrayEquals(new long[] {3, 224, 224}, out.shape(), stem);
        }
    }

    @Test
    void siglipOfGrayEqualsSiglipOfReplicatedRgb() throws IOException {
        // Gray arrives replicated to RGB, so the result must equal that of an explicit RGB copy.
        RgbImage gray = PreprocessGoldens.decodeLikeReference("gray_checker_240").image();
        RgbImage copy = RgbImage.of(gray.width(), gray.height(), gray.toBytes());

        float[] fromGray = SiglipImageProcessor.withDefaults().process(gray).pixelValues();
        float[] fromCopy = SiglipImageProcessor.withDefaults().process(copy).pixelValues();

        assertArrayEquals(fromCopy, fromGray);
    }

    @Test
    void shortestEdgeSizeTruncatesLongSide() {
        // int(224 * 300 / 20) = 3360 and int(224 * 517 / 333) = int(347.77) = 347.
        assertEquals(new ImageSize(224, 3360), ResizeCropPipeline.shortestEdgeSize(20, 300, 224));
        assertEquals(new ImageSize(224, 347), ResizeCropPipeline.shortestEdgeSize(333, 517, 224));
        assertEquals(new ImageSize(347, 224), ResizeCropPipeline.shortestEdgeSize(517, 333, 224));
    }

    @Test
    void clipWithoutResizePadsSmallImageBeforeCrop() {
        ClipImageProcessor processor = ClipImageProcessor.fromConfig(PreprocessorConfig.fromMap(Map.of(
                "do_resize", false, "crop_size", Map.of("height", 4, "width", 4))));

        RgbImage prepared = processor.prepare(RgbImage.filled(2, 2, new int[] {200, 200, 200}));

        assertEquals(4, prepared.width());
        assertEquals(0, prepared.sample(0, 0, 0), "padding is black");
        assertEquals(200, prepared.sample(1, 1, 0), "image sits at offset ceil((4 - 2) / 2) = 1");
    }

    @Test
    void clipIntegerSizeMeansShortestEdge() {
        ClipImageProcessor processor = ClipImageProcessor.fromConfig(PreprocessorConfig.fromJson(
                "{\"size\": 32, \"do_center_crop\": false}"));

        RgbImage prepared = processor.prepare(RgbImage.filled(20, 10, new int[] {1, 2, 3}));

        assertEquals(32, prepared.height());
        assertEquals(64, prepared.width());
    }

    @Test
    void clipSizeWithoutEdgeIsRejected() {
        PreprocessorConfig config = PreprocessorConfig.fromJson("{\"size\": {\"longest_edge\": 32}}");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ClipImageProcessor.fromConfig(config));

        assertTrue(error.getMessage().contains("shortest_edge"), error.getMessage());
    }
}
