package org.lens4j.models.janus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
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

/** Janus's input processor on the tiny checkpoint with a word-level tokenizer written per test. */
class JanusProcessorTest {

    private static final int BOS = 1;
    private static final int PAD = 3;
    private static final int END_OF_IMAGE = 96;
    private static final int BEGIN_OF_IMAGE = 97;
    private static final int IMAGE_TOKEN = 99;
    private static final int TOKENS_PER_IMAGE = 4;
    private static final String SHORT = "Is it torn?";
    private static final String LONG = "Is the fabric in this photo torn or stained?";

    @TempDir
    Path folder;

    private WordTokenizer tokenizer;

    @BeforeEach
    void writeFolder() {
        ModelFolders.copyModel(JanusGoldenParityTest.CASE, folder);
        tokenizer = janusTokenizer(IMAGE_TOKEN);
        tokenizer.write(folder);
        ModelFolders.write(folder, "tokenizer_config.json", "{\"pad_token\": \"<pad>\"}");
    }

    @Test
    void placeholderExpandsBetweenImageMarkers() {
        try (JanusProcessor processor = JanusProcessor.open(folder)) {
            String text = processor.promptText(SHORT, 1);

            long[] ids = processor.promptIds(text, 1);

            long[] expected = Arrays.stream(tokenizer.expectedIds(text))
                    .flatMap(id -> id == IMAGE_TOKEN
                            ? LongStream.concat(LongStream.of(BEGIN_OF_IMAGE), LongStream.concat(
                                    LongStream.generate(() -> IMAGE_TOKEN).limit(TOKENS_PER_IMAGE),
                                    LongStream.of(END_OF_IMAGE)))
                            : LongStream.of(id))
                    .toArray();
            assertArrayEquals(expected, ids);
            assertEquals(BOS, ids[0]);
        }
    }

    @Test
    void promptTextHasSystemPromptAndTurns() {
        try (JanusProcessor processor = JanusProcessor.open(folder)) {
            String text = processor.promptText(SHORT, 2);

            assertTrue(text.startsWith(JanusProcessor.SYSTEM_PROMPT), text);
            assertTrue(text.contains("<|User|>: <image_placeholder>\n<image_placeholder>\nIs it torn?"), text);
            assertTrue(text.endsWith("\n\n<|Assistant|>:"), text);
        }
    }

    @Test
    void batchPadsRightAndStacksPixels() {
        BufferedImage image = ModelFolders.randomImage(50, 40, 3);
        try (JanusProcessor processor = JanusProcessor.open(folder);
                NDManager manager = LensRuntime.newManager()) {
            ModelInputs inputs = processor.process(manager, List.of(List.of(image), List.of(image)),
                    List.of(SHORT, LONG));

            long[] shortRow = processor.promptIds(processor.promptText(SHORT, 1), 1);
            long[] longRow = processor.promptIds(processor.promptText(LONG, 1), 1);
            long[] ids = inputs.require(ModelInputs.INPUT_IDS).toLongArray();
            long[] mask = inputs.require(ModelInputs.ATTENTION_MASK).toLongArray();
            assertArrayEquals(shortRow, Arrays.copyOf(ids, shortRow.length));
            assertEquals(PAD, ids[longRow.length - 1]);
            assertEquals(0L, mask[longRow.length - 1]);
            assertArrayEquals(longRow, Arrays.copyOfRange(ids, longRow.length, 2 * longRow.length));
            assertArrayEquals(new long[] {2, 3, 28, 28}, inputs.require(ModelInputs.PIXEL_VALUES).getShape().getShape());
        }
    }

    @Test
    void lensRunsImageAndPrompt() {
        BufferedImage image = ModelFolders.randomImage(50, 40, 3);
        try (JanusProcessor processor = JanusProcessor.open(folder);
                LensModel model = Lens.open(folder)) {
            long length = processor.promptIds(processor.promptText(SHORT, 1), 1).length;

            CaptureResult result = model.capture("model.language_model.norm").run(image, SHORT);

            assertArrayEquals(new long[] {1, length, 48}, result.capture("model.language_model.norm").shape());
        }
    }

    @Test
    void placeholderInPromptIsRejected() {
        BufferedImage image = ModelFolders.randomImage(50, 40, 3);
        try (JanusProcessor processor = JanusProcessor.open(folder);
                NDManager manager = LensRuntime.newManager()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> processor.process(manager, List.of(List.of(image)), List.of("<image_placeholder> twice")));

            assertTrue(error.getMessage().contains("2 <image_placeholder> tokens for 1 images"), error.getMessage());
        }
    }

    @Test
    void tokenizerWithOtherPlaceholderIdIsRejected() {
        janusTokenizer(42).write(folder);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> JanusProcessor.open(folder).close());

        assertTrue(error.getMessage().contains("<image_placeholder> as 42"), error.getMessage());
        assertTrue(error.getMessage().contains("image_token_id is 99"), error.getMessage());
    }

    private static WordTokenizer janusTokenizer(int imageToken) {
        return new WordTokenizer(10, "<s>", null).special("<s>", BOS).special("<pad>", PAD)
                .special("<|User|>", 4).special("<|Assistant|>", 5)
                .special("<begin_of_image>", BEGIN_OF_IMAGE).special("<end_of_image>", END_OF_IMAGE)
                .special("<image_placeholder>", imageToken)
                .words(JanusProcessor.SYSTEM_PROMPT + ": " + LONG + " " + SHORT);
    }
}
