package org.lens4j.models.llava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
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

class LlavaProcessorTest {

    private static final Path GOLDEN = SharedData.golden("llava-single");
    private static final int IMAGE_TOKEN = 99;
    private static final int PAD = 3;
    private static final String SHORT = "Is it torn?";
    private static final String LONG = "Is the fabric in this photo torn or stained?";

    @TempDir
    Path folder;

    private WordTokenizer tokenizer;

    @BeforeEach
    void writeFolder() {
        ModelFolders.copyModel(GOLDEN, folder);
        tokenizer = new WordTokenizer(10, "<s>", null).special("<s>", 1).special("<pad>", PAD)
                .special("<image>", IMAGE_TOKEN).words(PromptTemplate.LLAVA_1_5.render(LONG, 1));
        tokenizer.write(folder);
        ModelFolders.write(folder, "tokenizer_config.json", "{\"padding_side\": \"left\", \"pad_token\": \"<pad>\"}");
        ModelFolders.write(folder, "preprocessor_config.json", "{\"image_processor_type\": \"CLIPImageProcessor\","
                + " \"size\": {\"shortest_edge\": 28}, \"crop_size\": {\"height\": 28, \"width\": 28}}");
    }

    @Test
    void promptExpandsImageTokensAndPadsLeft() {
        BufferedImage image = ModelFolders.randomImage(50, 40, 5);
        try (LlavaProcessor processor = LlavaProcessor.open(folder); NDManager manager = LensRuntime.newManager()) {
            ModelInputs inputs = processor.process(manager, List.of(List.of(image), List.of(image)),
                    List.of(SHORT, LONG));

            long[] shortRow = expanded(tokenizer.expectedIds(PromptTemplate.LLAVA_1_5.render(SHORT, 1)), 4);
            long[] longRow = expanded(tokenizer.expectedIds(PromptTemplate.LLAVA_1_5.render(LONG, 1)), 4);
            int padding = longRow.length - shortRow.length;
            long[] ids = inputs.require(ModelInputs.INPUT_IDS).toLongArray();
            long[] mask = inputs.require(ModelInputs.ATTENTION_MASK).toLongArray();
            assertArrayEquals(longRow, Arrays.copyOfRange(ids, longRow.length, 2 * longRow.length));
            assertArrayEquals(shortRow, Arrays.copyOfRange(ids, padding, longRow.length));
            assertArrayEquals(LongStream.generate(() -> PAD).limit(padding).toArray(), Arrays.copyOf(ids, padding));
            assertEquals(0L, mask[padding - 1]);
            assertEquals(1L, mask[padding]);
            assertArrayEquals(new long[] {2, 3, 28, 28}, inputs.require(ModelInputs.PIXEL_VALUES).getShape().getShape());
        }
    }

    @Test
    void lensRunsImageAndPrompt() {
        BufferedImage image = ModelFolders.randomImage(50, 40, 5);
        long length = expanded(tokenizer.expectedIds(PromptTemplate.LLAVA_1_5.render(SHORT, 1)), 4).length;
        try (LensModel model = Lens.open(folder)) {
            CaptureResult result = model.capture("language_model.model.norm").run(image, SHORT);

            assertArrayEquals(new long[] {1, length, 48}, result.capture("language_model.model.norm").shape());
        }
    }

    @Test
    void imagePlaceholderInPromptIsRejected() {
        BufferedImage image = ModelFolders.randomImage(50, 40, 5);
        try (LlavaProcessor processor = LlavaProcessor.open(folder); NDManager manager = LensRuntime.newManager()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> processor.process(manager, List.of(List.of(image)), List.of("<image> twice")));

            assertTrue(error.getMessage().contains("2 image tokens for 1 images"), error.getMessage());
        }
    }

    @Test
    void tokenizerWithOtherImageIdIsRejected() {
        new WordTokenizer(10, "<s>", null).special("<s>", 1).special("<image>", 42).write(folder);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LlavaProcessor.open(folder).close());

        assertTrue(error.getMessage().contains("<image> as 42"), error.getMessage());
        assertTrue(error.getMessage().contains("image_token_index is 99"), error.getMessage());
    }

    @Test
    void missingTokenizerIsReported() {
        UncheckedIOException error = assertThrows(UncheckedIOException.class,
                () -> LlavaProcessor.open(GOLDEN).close());

        assertTrue(error.getMessage().contains("tokenizer.json"), error.getMessage());
    }

    /** Repeats every image token {@code count} times, as the processor's expansion should. */
    private static long[] expanded(long[] ids, int count) {
        return Arrays.stream(ids)
                .flatMap(id -> id == IMAGE_TOKEN ? LongStream.generate(() -> id).limit(count) : LongStream.of(id))
                .toArray();
    }
}
