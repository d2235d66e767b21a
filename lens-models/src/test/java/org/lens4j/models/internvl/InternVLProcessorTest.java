package org.lens4j.models.internvl;

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
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.Lens;
import org.lens4j.models.LensModel;
import org.lens4j.models.testing.ModelFolders;
import org.lens4j.models.testing.WordTokenizer;

class InternVLProcessorTest {

    private static final Path GOLDEN = SharedData.golden("internvl-single");
    private static final int IMAGE_TOKEN = 99;
    private static final int START = 97;
    private static final int END = 98;
    private static final int PAD = 3;
    private static final String SHORT = "Is it torn?";
    private static final String LONG = "Is the fabric in this photo torn or stained?";

    @TempDir
    Path folder;

    private WordTokenizer tokenizer;
    private String template;

    @BeforeEach
    void writeFolder() {
        ModelFolders.copyModel(GOLDEN, folder);
        tokenizer = new WordTokenizer(10, "<|im_start|>", null).special("<|im_start|>", 1).special("<|im_end|>", 2)
                .special("<pad>", PAD).special("<img>", START).special("</img>", END)
                .special("<IMG_CONTEXT>", IMAGE_TOKEN);
        template = "<|im_start|>user\n<IMG_CONTEXT>\n%s<|im_end|>\n<|im_start|>assistant\n";
        tokenizer.words(String.format(template, LONG));
        tokenizer.write(folder);
        ModelFolders.write(folder, "tokenizer_config.json", "{\"pad_token\": \"<pad>\"}");
        // The tiny tower takes 28-pixel tiles. crop_to_patches is absent here, and the processor turns it on.
        ModelFolders.write(folder, "preprocessor_config.json", "{\"image_processor_type\": \"GotOcr2ImageProcessor\","
                + " \"size\": {\"height\": 28, \"width\": 28}, \"min_patches\": 1, \"max_patches\": 12}");
    }

    @Test
    void tilesExpandContextTokens() {
        // 56x28 has ratio 2: a 2x1 grid plus thumbnail, 3 tiles of 1 token each (2x2 patches, shuffled by 2).
        BufferedImage wide = ModelFolders.randomImage(56, 28, 5);
        // 30x30 has ratio 1: one tile, no thumbnail.
        BufferedImage square = ModelFolders.randomImage(30, 30, 6);
        try (InternVLProcessor processor = InternVLProcessor.open(folder);
                NDManager manager = LensRuntime.newManager()) {
            ModelInputs inputs = processor.process(manager, List.of(List.of(square), List.of(wide)),
                    List.of(SHORT, LONG));

            long[] shortRow = expanded(tokenizer.expectedIds(String.format(template, SHORT)), 1);
            long[] longRow = expanded(tokenizer.expectedIds(String.format(template, LONG)), 3);
            int padding = longRow.length - shortRow.length;
            long[] ids = inputs.require(ModelInputs.INPUT_IDS).toLongArray();
            assertArrayEquals(longRow, Arrays.copyOfRange(ids, longRow.length, 2 * longRow.length));
            assertArrayEquals(shortRow, Arrays.copyOfRange(ids, padding, longRow.length));
            assertEquals(PAD, ids[0], "left padding");
            assertArrayEquals(new long[] {4, 3, 28, 28},
                    inputs.require(ModelInputs.PIXEL_VALUES).getShape().getShape());
        }
    }

    @Test
    void lensRunsTiledImage() {
        BufferedImage wide = ModelFolders.randomImage(56, 28, 5);
        long length = expanded(tokenizer.expectedIds(String.format(template, SHORT)), 3).length;
        try (LensModel model = Lens.open(folder)) {
            CaptureResult result = model.capture("language_model.model.norm").run(wide, SHORT);

            assertArrayEquals(new long[] {1, length, 48}, result.capture("language_model.model.norm").shape());
        }
    }

    @Test
    void placeholderInPromptIsRejected() {
        BufferedImage image = ModelFolders.randomImage(30, 30, 5);
        try (InternVLProcessor processor = InternVLProcessor.open(folder);
                NDManager manager = LensRuntime.newManager()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> processor.process(manager, List.of(List.of(image)), List.of("<IMG_CONTEXT> twice")));

            assertTrue(error.getMessage().contains("2 <IMG_CONTEXT> placeholders for 1 images"), error.getMessage());
        }
    }

    @Test
    void otherImageTokenIdIsRejected() {
        new WordTokenizer(10, "<|im_start|>", null).special("<|im_start|>", 1).special("<IMG_CONTEXT>", 42)
                .write(folder);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> InternVLProcessor.open(folder).close());

        assertTrue(error.getMessage().contains("<IMG_CONTEXT> as 42"), error.getMessage());
        assertTrue(error.getMessage().contains("image token id is 99"), error.getMessage());
    }

    /** Replaces each {@code <IMG_CONTEXT>} by {@code <img>}, {@code count} context tokens and {@code </img>}. */
    private static long[] expanded(long[] ids, int count) {
        return Arrays.stream(ids)
                .flatMap(id -> id == IMAGE_TOKEN
                        ? LongStream.concat(LongStream.of(START),
                                LongStream.concat(LongStream.generate(() -> IMAGE_TOKEN).limit(count), LongStream.of(END)))
                        : LongStream.of(id))
                .toArray();
    }
}
