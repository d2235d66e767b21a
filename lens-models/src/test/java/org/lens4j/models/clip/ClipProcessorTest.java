package org.lens4j.models.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.CaptureResult;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.Lens;
import org.lens4j.models.LensModel;
import org.lens4j.models.testing.ModelFolders;
import org.lens4j.models.testing.WordTokenizer;

class ClipProcessorTest {

    private static final Path GOLDEN = SharedData.golden("clip-single");
    private static final int START = 98;
    private static final int END = 99;

    @TempDir
    Path folder;

    private WordTokenizer tokenizer;

    @BeforeEach
    void writeFolder() {
        ModelFolders.copyModel(GOLDEN, folder);
        tokenizer = new WordTokenizer(10, "<|startoftext|>", "<|endoftext|>").special("<|startoftext|>", START)
                .special("<|endoftext|>", END).words("a red cat dog");
        tokenizer.write(folder);
        ModelFolders.write(folder, "tokenizer_config.json", "{\"pad_token\": \"<|endoftext|>\"}");
    }

    @Test
    void rawTextIsPaddedRight() {
        BufferedImage image = ModelFolders.randomImage(50, 40, 4);
        try (ClipProcessor processor = ClipProcessor.open(folder); NDManager manager = LensRuntime.newManager()) {
            ModelInputs inputs = processor.process(manager, List.of(List.of(image), List.of(image)),
                    List.of("a red cat", "dog"));

            long[] first = tokenizer.expectedIds("a red cat");
            long[] second = tokenizer.expectedIds("dog");
            long[] ids = inputs.require(ModelInputs.INPUT_IDS).toLongArray();
            long[] mask = inputs.require(ModelInputs.ATTENTION_MASK).toLongArray();
            assertArrayEquals(first, java.util.Arrays.copyOfRange(ids, 0, 5));
            assertArrayEquals(new long[] {second[0], second[1], second[2], END, END},
                    java.util.Arrays.copyOfRange(ids, 5, 10));
            assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1, 1, 1, 0, 0}, mask);
            // Without preprocessor_config.json the tower's image_size (28) sets resize and crop.
            assertArrayEquals(new long[] {2, 3, 28, 28}, inputs.require(ModelInputs.PIXEL_VALUES).getShape().getShape());
        }
    }

    @Test
    void itemWithoutImageIsRejected() {
        try (ClipProcessor processor = ClipProcessor.open(folder); NDManager manager = LensRuntime.newManager()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> processor.process(manager, List.of(List.of()), List.of("a cat")));

            assertTrue(error.getMessage().contains("carries 0 images"), error.getMessage());
        }
    }

    @Test
    void lensRunsImageAndPrompt() {
        BufferedImage image = ModelFolders.randomImage(50, 40, 4);
        try (LensModel model = Lens.open(folder)) {
            CaptureResult result = model.capture("text_projection", "visual_projection").run(image, "a red cat");

            assertArrayEquals(new long[] {1, 24}, result.capture("text_projection").shape());
            assertArrayEquals(new long[] {1, 24}, result.capture("visual_projection").shape());
        }
    }
}
