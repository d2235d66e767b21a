package org.lens4j.models.paligemma;

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
import org.lens4j.models.Lens;
import org.lens4j.models.LensModel;
import org.lens4j.models.testing.ModelFolders;
import org.lens4j.models.testing.WordTokenizer;

/** PaliGemma's input processor on the tiny checkpoint with a word-level tokenizer written per test. */
class PaliGemmaProcessorTest {

    private static final int IMAGE_TOKEN = 99;
    private static final int BOS = 2;
    private static final int PAD = 0;
    private static final int TOKENS_PER_IMAGE = 4;
    private static final String SHORT = "caption en";
    private static final String LONG = "answer en what is on the cloth";

    @TempDir
    Path folder;

    private WordTokenizer tokenizer;

    @BeforeEach
    void writeFolder() {
        ModelFolders.copyModel(PaliGemmaGoldenParityTest.CASE, folder);
        tokenizer = new WordTokenizer(10, "<bos>", null).special("<bos>", BOS).special("<pad>", PAD)
                .special("<image>", IMAGE_TOKEN).words(LONG + " " + SHORT);
        tokenizer.write(folder);
        ModelFolders.write(folder, "tokenizer_config.json", "{\"pad_token\": \"<pad>\"}");
    }

    @Test
    void imageTokensPrecedeBosAndPrompt() {
        try (PaliGemmaProcessor processor = PaliGemmaProcessor.open(folder)) {
            long[] ids = processor.promptIds(SHORT, 1);

            long[] expected = LongStream.concat(LongStream.generate(() -> IMAGE_TOKEN).limit(TOKENS_PER_IMAGE),
                    Arrays.stream(tokenizer.expectedIds(SHORT + "\n"))).toArray();
            assertArrayEquals(expected, ids);
            assertEquals(BOS, ids[TOKENS_PER_IMAGE]);
        }
    }

    @Test
    void batchPadsRightWithPadToken() {
        BufferedImage image = ModelFolders.randomImage(50, 40, 7);
        try (PaliGemmaProcessor processor = PaliGemmaProcessor.open(folder);
                NDManager manager = LensRuntime.newManager()) {
            ModelInputs inputs = processor.process(manager, List.of(List.of(image), List.of(image)),
                    List.of(SHORT, LONG));

            long[] shortRow = processor.promptIds(SHORT, 1);
            long[] longRow = processor.promptIds(LONG, 1);
            long[] ids = inputs.require(ModelInputs.INPUT_IDS).toLongArray();
            long[] mask = inputs.require(ModelInputs.ATTENTION_MASK).toLongArray();
            assertArrayEquals(shortRow, Arrays.copyOf(ids, shortRow.length));
            assertEquals(PAD, ids[longRow.length - 1]);
            assertEquals(0L, mask[longRow.length - 1]);
            assertEquals(1L, mask[shortRow.length - 1]);
            assertArrayEquals(longRow, Arrays.copyOfRange(ids, longRow.length, 2 * longRow.length));
            assertArrayEquals(new long[] {2, 3, 28, 28}, inputs.require(ModelInputs.PIXEL_VALUES).getShape().getShape());
        }
    }

    @Test
    void lensRunsImageAndPrompt() {
        BufferedImage image = ModelFolders.randomImage(50, 40, 7);
        try (PaliGemmaProcessor processor = PaliGemmaProcessor.open(folder);
                LensModel model = Lens.open(folder)) {
            long length = processor.promptIds(SHORT, 1).length;

            CaptureResult result = model.capture("language_model.model.norm").run(image, SHORT);

            assertArrayEquals(new long[] {1, length, 48}, result.capture("language_model.model.norm").shape());
        }
    }

    @Test
    void imagePlaceholderInPromptIsRejected() {
        BufferedImage image = ModelFolders.randomImage(50, 40, 7);
        try (PaliGemmaProcessor processor = PaliGemmaProcessor.open(folder);
                NDManager manager = LensRuntime.newManager()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> processor.process(manager, List.of(List.of(image)), List.of("<image> caption")));

            assertTrue(error.getMessage().contains("contains <image>"), error.getMessage());
        }
    }

    @Test
    void tokenizerWithOtherImageIdIsRejected() {
        new WordTokenizer(10, "<bos>", null).special("<bos>", BOS).special("<image>", 42).write(folder);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> PaliGemmaProcessor.open(folder).close());

        assertTrue(error.getMessage().contains("<image> as 42"), error.getMessage());
        assertTrue(error.getMessage().contains("image_token_index is 99"), error.getMessage());
    }

    @Test
    void missingTokenizerIsReported() {
        UncheckedIOException error = assertThrows(UncheckedIOException.class,
                () -> PaliGemmaProcessor.open(PaliGemmaGoldenParityTest.CASE).close());

        assertTrue(error.getMessage().contains("tokenizer.json"), error.getMessage());
    }
}
