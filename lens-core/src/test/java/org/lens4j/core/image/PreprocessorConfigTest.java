package org.lens4j.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessorConfigTest {

    @Test
    void jsonNullMeansDefault() {
        PreprocessorConfig config = PreprocessorConfig.fromJson("{\"min_pixels\": null, \"do_resize\": null}");

        assertEquals(7, config.getInt("min_pixels", 7));
        assertTrue(config.getBoolean("do_resize", true));
    }

    @Test
    void wrongTypeNamesKeyAndValue() {
        PreprocessorConfig config = PreprocessorConfig.fromJson("{\"patch_size\": \"14\"}");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> config.getInt("patch_size", 14));

        assertTrue(error.getMessage().contains("patch_size"), error.getMessage());
        assertTrue(error.getMessage().contains("14"), error.getMessage());
    }

    @Test
    void fractionalIntegerIsRejected() {
        PreprocessorConfig config = PreprocessorConfig.fromMap(Map.of("merge_size", 2.5));

        assertThrows(IllegalArgumentException.class, () -> config.getInt("merge_size", 2));
    }

    @Test
    void scalarMeanRepeatsPerChannel() {
        PreprocessorConfig config = PreprocessorConfig.fromJson("{\"image_mean\": 0.5}");

        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, config.getChannels("image_mean", new float[3]));
    }

    @Test
    void meanWithTwoValuesIsRejected() {
        PreprocessorConfig config = PreprocessorConfig.fromMap(Map.of("image_mean", List.of(0.5, 0.5)));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> config.getChannels("image_mean", new float[3]));

        assertTrue(error.getMessage().contains("3 values"), error.getMessage());
    }

    @Test
    void integerSizeIsSquareByDefault() {
        PreprocessorConfig config = PreprocessorConfig.fromJson("{\"size\": 384}");

        assertEquals(Map.of("height", 384, "width", 384), config.getSize("size").orElseThrow());
        assertEquals(Map.of("shortest_edge", 384), config.getSize("size", false).orElseThrow());
    }

    @Test
    void pinpointsReadAsPairs() {
        PreprocessorConfig config = PreprocessorConfig.fromJson("{\"image_grid_pinpoints\": [[336, 672], [672, 336]]}");

        List<int[]> pairs = config.getIntPairs("image_grid_pinpoints").orElseThrow();

        assertArrayEquals(new int[] {672, 336}, pairs.get(1));
    }

    @Test
    void normalizationFallsBackPerKey() {
        PreprocessorConfig config = PreprocessorConfig.fromJson("{\"do_normalize\": false}");

        Normalization normalization = config.normalization(Normalization.openAiClip());

        assertEquals(false, normalization.normalize());
        assertEquals(Normalization.ONE_OVER_255, normalization.rescaleFactor());
    }

    @Test
    void invalidJsonIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> PreprocessorConfig.fromJson("{\"size\": "));

        assertTrue(error.getMessage().contains("JSON"), error.getMessage());
    }

    @Test
    void invalidFileNamesPath(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve(PreprocessorConfig.FILE_NAME), "[1, 2");

        IOException error = assertThrows(IOException.class, () -> PreprocessorConfig.fromFolder(folder));

        assertTrue(error.getMessage().contains(PreprocessorConfig.FILE_NAME), error.getMessage());
    }
}
