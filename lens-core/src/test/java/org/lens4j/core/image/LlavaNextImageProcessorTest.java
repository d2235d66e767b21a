package org.lens4j.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LlavaNextImageProcessorTest {

    private static final String NAME = "llava_next_336";

    static Stream<String> goldenStems() {
        return PreprocessGoldens.stemsWithOutput(NAME).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenStems")
    void pixelValuesMatchReference(String stem) throws IOException {
        LlavaNextImageProcessor processor = LlavaNextImageProcessor.fromConfig(PreprocessGoldens.config(NAME));
        GoldenTensors golden = PreprocessGoldens.tensors(NAME);

        ProcessedImage out = processor.process(PreprocessGoldens.decodeLikeReference(stem).image());

        PreprocessGoldens.assertPixelsMatch(NAME + "/" + stem, golden.get(stem + "/pixel_values"), out);
        assertArrayEquals(golden.get(stem + "/image_sizes").longs(), out.imageSize().orElseThrow().toArray());
    }

    @Test
    void tieOnWasteKeepsFirstPinpoint() {
        // A 60x90 image fits 336x672 and 672x336 with all its pixels and the same waste.
        LlavaNextImageProcessor processor = LlavaNextImageProcessor.fromConfig(PreprocessGoldens.config(NAME));

        assertEquals(new ImageSize(336, 672), processor.selectBestResolution(60, 90));
    }

    @Test
    void largerImagePrefersPinpointKeepingMostPixels() {
        // 1500x500 (height x width): 1008x336 scales by 0.672 and keeps all 336 * 1008 pixels;
        // 672x336 scales by 0.448 and keeps 224 * 672.
        LlavaNextImageProcessor processor = LlavaNextImageProcessor.fromConfig(PreprocessGoldens.config(NAME));

        assertEquals(new ImageSize(1008, 336), processor.selectBestResolution(1500, 500));
    }

    @Test
    void fitInsideFillsSideWithSmallerScale() {
        // Width scale 672 / 300 = 2.24 < height scale 336 / 20 = 16.8: width fills, height is
        // ceil(20 * 2.24) = 45.
        assertEquals(new ImageSize(45, 672), LlavaNextImageProcessor.fitInside(20, 300, new ImageSize(336, 672)));
    }

    @Test
    void tilesPutWholeImageFirst() {
        LlavaNextImageProcessor processor = LlavaNextImageProcessor.fromConfig(PreprocessGoldens.config(NAME));
        RgbImage image = RgbImage.filled(90, 60, new int[] {10, 20, 30});

        List<RgbImage> tiles = processor.tiles(image);

        assertEquals(3, tiles.size());
        assertEquals(ImageOps.resize(image, 336, 336, ResampleFilter.BICUBIC), tiles.get(0));
    }
}
