package org.lens4j.models.qwen2vl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.CaptureResult;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.capture.TokenType;
import org.lens4j.core.image.GridThw;
import org.lens4j.core.image.Qwen2VlImageProcessor;
import org.lens4j.core.pool.Pooling;
import org.lens4j.core.pool.TokenSubset;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.Lens;
import org.lens4j.models.LensModel;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.testing.RecordingHooks;
import org.lens4j.models.testing.TokenizerFiles;

class Qwen2VLProcessorTest {

    private static final String PROMPT = "Is there a defect in this fabric?";

    /** Ids of the Qwen2-VL prompt for one image with one image token, from an independent tokenizer port. */
    private static final long[] REFERENCE_IDS = {151644, 8948, 198, 2610, 525, 264, 10950, 17847, 13, 151645, 198,
        151644, 872, 198, 151652, 151655, 151653, 3872, 1052, 264, 22219, 304, 419, 13055, 30, 151645, 198, 151644,
        77091, 198};

    /** Ids of 描述这块布料是否有瑕疵。 from the same port. */
    private static final long[] CHINESE_IDS = {53481, 108162, 51827, 41406, 107189, 117219, 1773};

    /** Shared by the tests because reading the 11 MB tokenizer.json takes seconds. */
    private static Qwen2VLProcessor processor;

    @AfterAll
    static void closeProcessor() {
        if (processor != null) {
            processor.close();
        }
    }

    @Test
    void promptIdsMatchReference() {
        long[] ids = processor().tokenIds(PROMPT, List.of(new GridThw(1, 2, 2)));

        assertArrayEquals(REFERENCE_IDS, ids);
    }

    @Test
    void chinesePromptIdsMatchReference() {
        long[] ids = processor().tokenIds("描述这块布料是否有瑕疵。", List.of(new GridThw(1, 2, 2)));

        int start = indexOf(ids, 151653) + 1;
        assertArrayEquals(CHINESE_IDS, Arrays.copyOfRange(ids, start, start + CHINESE_IDS.length));
        assertEquals(151645, ids[start + CHINESE_IDS.length]);
    }

    @Test
    void imagePadExpandsToMergedTokens() {
        try (NDManager manager = LensRuntime.newManager()) {
            ModelInputs inputs = processor().process(manager, List.of(List.of(image(56, 56))), List.of(PROMPT));

            long pads = Arrays.stream(inputs.require(ModelInputs.INPUT_IDS).toLongArray()).filter(id -> id == 151655)
                    .count();
            assertEquals(4, pads);
            assertArrayEquals(new long[] {16, 1176}, inputs.require(ModelInputs.PIXEL_VALUES).getShape().getShape());
            assertArrayEquals(new long[] {1, 4, 4}, inputs.require("image_grid_thw").toLongArray());
        }
    }

    @Test
    void batchIsPaddedOnTheLeft() {
        try (NDManager manager = LensRuntime.newManager()) {
            ModelInputs inputs = processor().process(manager, List.of(List.of(), List.of()),
                    List.of("Hi", "A much longer prompt than the first one"));

            long[] ids = inputs.require(ModelInputs.INPUT_IDS).toLongArray();
            long[] mask = inputs.require(ModelInputs.ATTENTION_MASK).toLongArray();
            int width = ids.length / 2;
            assertEquals(0, mask[0]);
            assertEquals(151643, ids[0]);
            assertEquals(1, mask[width - 1]);
            assertEquals(1, mask[width]);
            assertEquals(151644, ids[width]);
            assertTrue(inputs.find(ModelInputs.PIXEL_VALUES).isEmpty());
        }
    }

    @Test
    void processedInputsRunThroughTinyModel() {
        try (HookedModel model = Qwen2VLModels.randomWeights(Qwen2VLModels.tinyConfig(), 5);
             NDManager manager = LensRuntime.newManager()) {
            ModelInputs inputs = processor().process(manager,
                    List.of(List.of(image(60, 90)), List.of(image(112, 112))), List.of(PROMPT, "Describe it."));
            RecordingHooks hooks = RecordingHooks.only(List.of("visual.merger.mlp.2"));

            SequenceInfo info = model.forward(inputs, hooks);

            long imageTokens = Arrays.stream(info.tokenTypes()).flatMap(Arrays::stream)
                    .filter(t -> t == TokenType.IMAGE).count();
            assertEquals(hooks.output("visual.merger.mlp.2").shape()[0], imageTokens);
            assertEquals(TokenType.SPECIAL, info.tokenTypes()[1][0]);
            assertArrayEquals(new int[] {1, 1}, info.imagesPerItem());
        }
    }

    @Test
    void lensCapturesStudyModulesFromImageAndPrompt(@TempDir Path folder) throws IOException {
        Files.createSymbolicLink(folder.resolve("tokenizer.json"), TokenizerFiles.qwen().toAbsolutePath());
        Files.writeString(folder.resolve("config.json"), Qwen2VLModels.tinyConfig().json().toString());
        List<String> modules = List.of("model.layers.14.post_attention_layernorm",
                "model.layers.27.post_attention_layernorm", "visual.blocks.15.norm2", "visual.blocks.31.norm2",
                "visual.merger.mlp.2");

        try (LensModel model = Lens.open(folder, new LoadOptions(3L))) {
            CaptureResult result = model.capture(modules).pooling(Pooling.MEAN, TokenSubset.ALL)
                    .run(image(60, 90), PROMPT);

            assertArrayEquals(new long[] {1, 64}, result.get("model.layers.27.post_attention_layernorm").shape());
            assertArrayEquals(new long[] {1, 32}, result.get("visual.blocks.31.norm2").shape());
            assertArrayEquals(new long[] {1, 64}, result.get("visual.merger.mlp.2").shape());
        }
    }

    @Test
    void unequalListsAreRejected() {
        Qwen2VLProcessor opened = processor();
        try (NDManager manager = LensRuntime.newManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> opened.process(manager, List.of(List.of(), List.of()), List.of(PROMPT)));

            assertTrue(e.getMessage().contains("2 image lists"), e.getMessage());
            assertTrue(e.getMessage().contains("1 prompts"), e.getMessage());
        }
    }

    @Test
    void tokenizerOfOtherVocabularyIsRejected() {
        Path tokenizer = TokenizerFiles.qwen();
        ModelConfig golden = ModelConfig.read(SharedData.golden("qwen2_vl-single"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Qwen2VLProcessor.open(tokenizer, Qwen2VlImageProcessor.withDefaults(), golden, "<|endoftext|>"));

        assertTrue(e.getMessage().contains("151655"), e.getMessage());
        assertTrue(e.getMessage().contains("99"), e.getMessage());
    }

    @Test
    void missingTokenizerFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("tokenizer.json");

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Qwen2VLProcessor.open(missing,
                Qwen2VlImageProcessor.withDefaults(), Qwen2VLModels.tinyConfig(), "<|endoftext|>"));

        assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
    }

    private static Qwen2VLProcessor processor() {
        if (processor == null) {
            processor = Qwen2VLProcessor.open(TokenizerFiles.qwen(), Qwen2VlImageProcessor.withDefaults(),
                    Qwen2VLModels.tinyConfig(), "<|endoftext|>");
        }
        return processor;
    }

    private static BufferedImage image(int height, int width) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 7 % 256) << 16 | (y * 5 % 256) << 8 | (x + y) % 256);
            }
        }
        return image;
    }

    private static int indexOf(long[] values, long target) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == target) {
                return i;
            }
        }
        throw new AssertionError(target + " not in " + Arrays.toString(values));
    }
}
