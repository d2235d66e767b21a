package org.lens4j.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageProcessorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"qwen2_vl", "clip_224", "siglip_224", "blip_224", "pixtral_1024", "llava_next_336"})
    void referenceSettingsPickMatchingClass(String name) {
        PreprocessorConfig config = PreprocessGoldens.config(name);

        ImageProcessor processor = ImageProcessors.fromConfig(config);

        assertEquals(config.asMap().get("class"), processor.processorType());
    }

    @Test
    void fastSuffixMapsToSameProcessor() {
        ImageProcessor processor = ImageProcessors.fromConfig(PreprocessorConfig.fromMap(Map.of(
                "image_processor_type", "Qwen2VLImageProcessorFast")));

        assertInstanceOf(Qwen2VlImageProcessor.class, processor);
    }

    @Test
    void unknownTypeIsUnsupported() {
        PreprocessorConfig config = PreprocessorConfig.fromMap(Map.of("image_processor_type", "FooImageProcessor"));

        UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class,
                () -> ImageProcessors.fromConfig(config));

        assertTrue(error.getMessage().contains("FooImageProcessor"), error.getMessage());
        assertTrue(error.getMessage().contains("CLIPImageProcessor"), error.getMessage());
    }

    @Test
    void missingTypeIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ImageProcessors.fromConfig(PreprocessorConfig.fromMap(Map.of())));

        assertTrue(error.getMessage().contains("image_processor_type"), error.getMessage());
    }

    @Test
    void folderConfigIsRead(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("preprocessor_config.json"), "{\"image_processor_type\":"
                + " \"Qwen2VLImageProcessor\", \"min_pixels\": 3136, \"max_pixels\": 12845056}");

        ImageProcessor processor = ImageProcessors.fromFolder(folder);

        assertEquals(12845056, ((Qwen2VlImageProcessor) processor).maxPixels());
    }

    @Test
    void folderWithoutConfigFails(@TempDir Path folder) {
        FileNotFoundException error = assertThrows(FileNotFoundException.class,
                () -> ImageProcessors.fromFolder(folder));

        assertTrue(error.getMessage().contains("preprocessor_config.json"), error.getMessage());
    }
}
