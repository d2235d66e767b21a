package org.lens4j.models.llavanext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
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
import org.lens4j.models.ModelConfig;
import org.lens4j.models.llava.PromptTemplate;
import org.lens4j.models.testing.ModelFolders;
import org.lens4j.models.testing.WordTokenizer;

class LlavaNextProcessorTest {

    private static final Path GOLDEN = SharedData.golden("llava_next-single");
    private static final int IMAGE_TOKEN = 99;
    private static final String PROMPT = "Is it torn?";

    @TempDir
    Path folder;

    @BeforeEach
    void writeFolder() {
        ModelFolders.copyModel(GOLDEN, folder);
        new WordTokenizer(10, "<s>", null).special("<s>", 1).special("<image>", IMAGE_TOKEN)
                .words(PromptTemplate.VICUNA.render(PROMPT, 1)).write(folder);
    }

    /**
     * A 40x70 image with the golden case's pinpoints gives the golden's 5 tiles and 14 image tokens
     * (4 base features, then a 2x4 unpadded grid with a newline per row).
     */
    @Test
    void goldenSizedImageGetsGoldenTokenCount() {
        BufferedImage image = ModelFolders.randomImage(70, 40, 6);
        try (LlavaNextProcessor processor = LlavaNextProcessor.open(folder); NDManager manager = LensRuntime.newManager();
                NDManager goldenManager = LensRuntime.newManager()) {
            ModelInputs golden = org.lens4j.models.testing.GoldenInputs.read(GOLDEN, goldenManager);
            long goldenImageTokens = LongStream.of(golden.require(ModelInputs.INPUT_IDS).toLongArray())
                    .filter(id -> id == IMAGE_TOKEN).count();

            ModelInputs inputs = processor.process(manager, List.of(List.of(image)), List.of(PROMPT));

            long imageTokens = LongStream.of(inputs.require(ModelInputs.INPUT_IDS).toLongArray())
                    .filter(id -> id == IMAGE_TOKEN).count();
            assertEquals(goldenImageTokens, imageTokens);
            assertArrayEquals(golden.require(ModelInputs.PIXEL_VALUES).getShape().getShape(),
                    inputs.require(ModelInputs.PIXEL_VALUES).getShape().getShape());
            assertArrayEquals(golden.require("image_sizes").toLongArray(), inputs.require("image_sizes").toLongArray());
        }
    }

    @Test
    void llamaDecoderUsesVicunaTemplate() {
        LlavaNextConfig config = LlavaNextConfig.from(ModelConfig.read(GOLDEN));

        assertEquals(PromptTemplate.VICUNA, LlavaNextProcessor.defaultTemplate(config.llava()));
    }

    @Test
    void lensRunsImageAndPrompt() {
        BufferedImage image = ModelFolders.randomImage(70, 40, 6);
        try (LensModel model = Lens.open(folder)) {
            CaptureResult result = model.capture("multi_modal_projector", "language_model.lm_head").run(image, PROMPT);

            assertArrayEquals(new long[] {5, 4, 48}, result.capture("multi_modal_projector").shape());
            assertEquals(128L, result.capture("language_model.lm_head").shape()[2]);
        }
    }
}
