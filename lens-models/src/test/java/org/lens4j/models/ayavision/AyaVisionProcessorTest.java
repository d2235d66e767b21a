package org.lens4j.models.ayavision;

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

class AyaVisionProcessorTest {

    private static final Path GOLDEN = SharedData.golden("aya_vision-single");
    private static final int IMAGE_TOKEN = 99;
    private static final String PROMPT = "Is it torn?";
    private static final String TURN = "<|START_OF_TURN_TOKEN|><|USER_TOKEN|>%s" + PROMPT
            + "<|END_OF_TURN_TOKEN|><|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>";
    /** The 4 image tokens of one tile: 56 / 14 = 4 patches a side, merged 2x2. */
    private static final String PATCHES = "<|IMG_PATCH|>".repeat(4);

    @TempDir
    Path folder;

    private WordTokenizer tokenizer;

    @BeforeEach
    void writeFolder() {
        ModelFolders.copyModel(GOLDEN, folder);
        tokenizer = new WordTokenizer(10, "<BOS_TOKEN>", null).special("<BOS_TOKEN>", 5).special("<PAD>", 0)
                .special("<|START_OF_TURN_TOKEN|>", 6).special("<|END_OF_TURN_TOKEN|>", 7)
                .special("<|USER_TOKEN|>", 8).special("<|CHATBOT_TOKEN|>", 9).special("<|START_OF_IMG|>", 96)
                .special("<|END_OF_IMG|>", 97).special("<|IMG_PATCH|>", IMAGE_TOKEN)
                .words(PROMPT + " TILE_1 TILE_2 TILE_GLOBAL");
        tokenizer.write(folder);
        ModelFolders.write(folder, "tokenizer_config.json", "{\"pad_token\": \"<PAD>\"}");
        ModelFolders.write(folder, "preprocessor_config.json", "{\"image_processor_type\": \"GotOcr2ImageProcessor\","
                + " \"size\": {\"height\": 56, \"width\": 56}, \"image_mean\": [0.5, 0.5, 0.5],"
                + " \"image_std\": [0.5, 0.5, 0.5]}");
    }

    @Test
    void tilesGetLabelsThenGlobal() {
        // 112x56 has ratio 2: a 2x1 grid plus the thumbnail, so TILE_1, TILE_2, then TILE_GLOBAL.
        BufferedImage wide = ModelFolders.randomImage(112, 56, 5);
        String image = "<|START_OF_IMG|>TILE_1" + PATCHES + "TILE_2" + PATCHES + "TILE_GLOBAL" + PATCHES
                + "<|END_OF_IMG|>";
        try (AyaVisionProcessor processor = AyaVisionProcessor.open(folder);
                NDManager manager = LensRuntime.newManager()) {
            ModelInputs inputs = processor.process(manager, List.of(List.of(wide)), List.of(PROMPT));

            assertArrayEquals(tokenizer.expectedIds(String.format(TURN, image)),
                    inputs.require(ModelInputs.INPUT_IDS).toLongArray());
            assertArrayEquals(new long[] {3, 3, 56, 56},
                    inputs.require(ModelInputs.PIXEL_VALUES).getShape().getShape());
        }
    }

    @Test
    void singleTileIsGlobalOnly() {
        BufferedImage square = ModelFolders.randomImage(40, 40, 6);
        String image = "<|START_OF_IMG|>TILE_GLOBAL" + PATCHES + "<|END_OF_IMG|>";
        try (AyaVisionProcessor processor = AyaVisionProcessor.open(folder);
                NDManager manager = LensRuntime.newManager()) {
            ModelInputs inputs = processor.process(manager, List.of(List.of(square)), List.of(PROMPT));

            assertArrayEquals(tokenizer.expectedIds(String.format(TURN, image)),
                    inputs.require(ModelInputs.INPUT_IDS).toLongArray());
        }
    }

    @Test
    void lensRunsTiledImage() {
        BufferedImage wide = ModelFolders.randomImage(112, 56, 5);
        try (LensModel model = Lens.open(folder)) {
            CaptureResult result = model.capture("multi_modal_projector").run(wide, PROMPT);

            // One projector row per tile: 2 tiles and the thumbnail, each a 2x2 grid of 48-wide features.
            assertArrayEquals(new long[] {3, 2, 2, 48}, result.capture("multi_modal_projector").shape());
        }
    }

    @Test
    void otherPatchTokenIdIsRejected() {
        new WordTokenizer(10, "<BOS_TOKEN>", null).special("<BOS_TOKEN>", 5).special("<|IMG_PATCH|>", 42)
                .write(folder);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> AyaVisionProcessor.open(folder).close());

        assertTrue(error.getMessage().contains("<|IMG_PATCH|> as 42"), error.getMessage());
        assertTrue(error.getMessage().contains("image token id is 99"), error.getMessage());
    }
}
