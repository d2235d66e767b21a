package org.lens4j.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PixtralImageProcessorTest {

    private static final String NAME = "pixtral_1024";

    static Stream<String> goldenStems() {
        return PreprocessGoldens.stemsWithOutput(NAME).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenStems")
    void pixelValuesMatchReference(String stem) throws IOException {
        PixtralImageProcessor processor = PixtralImageProcessor.fromConfig(PreprocessGoldens.config(NAME));
        GoldenTensors golden = PreprocessGoldens.tensors(NAME);

        RgbImage image = PreprocessGoldens.decodeLikeReference(stem, processor.alphaPolicy()).image();

        ProcessedImage out = processor.process(image);

        PreprocessGoldens.assertPixelsMatch(NAME + "/" + stem, golden.get(stem + "/pixel_values"), out);
        assertArrayEquals(golden.get(stem + "/image_sizes").longs(), out.imageSize().orElseThrow().toArray());
    }

    @Test
    void largeImageShrinksToLongestEdge() {
        // ratio = max(2000 / 1024, 1000 / 1024) = 1.953125; ceil(2000 / ratio) = 1024 and
        // ceil(1000 / ratio) = 512, both multiples of 16.
        assertEquals(new ImageSize(1024, 512), PixtralImageProcessor.withDefaults().targetSize(2000, 1000));
    }

    @Test
    void shrunkSideRoundsUpToPatch() {
        // ratio = 3000 / 1024 = 2.9296875; ceil(1001 / ratio) = ceil(341.67) = 342 -> 22 patches = 352.
        assertEquals(new ImageSize(1024, 352), PixtralImageProcessor.withDefaults().targetSize(3000, 1001));
    }
}
