package org.lens4j.models.ayavision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lens4j.core.image.GotOcr2ImageProcessor;
import org.lens4j.core.image.PreprocessorConfig;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.internvl.internal.TiledInputProcessor;
import org.lens4j.models.vit.internal.PromptTokenizer;

/**
 * Builds Aya Vision inputs ({@code AyaVisionProcessor}, transformers 4.50): every image is tiled by
 * {@link GotOcr2ImageProcessor} with {@code crop_to_patches} on and 1 to 12 tiles, and each
 * {@code <image>} of the user turn becomes {@code <|START_OF_IMG|>}, then {@code TILE_1} …
 * {@code TILE_n} each followed by the tile's {@code <|IMG_PATCH|>} tokens, then {@code TILE_GLOBAL}
 * with the thumbnail's tokens, then {@code <|END_OF_IMG|>}. An image that fits one tile has only
 * the {@code TILE_GLOBAL} part. Rows are padded on the left; {@code pixel_values} are
 * {@code [all tiles, 3, S, S]}, thumbnails last within each image.
 *
 * <pre>{@code
 * try (AyaVisionProcessor processor = AyaVisionProcessor.open(Path.of("aya-vision-8b"));
 *      NDManager manager = LensRuntime.newManager()) {
 *     ModelInputs inputs = processor.process(manager, List.of(List.of(image)), List.of("Describe the image."));
 * }
 * }</pre>
 *
 * @implNote NOTE: the turn layout
 *     {@code <|START_OF_TURN_TOKEN|><|USER_TOKEN|><image>{prompt}<|END_OF_TURN_TOKEN|><|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>}
 *     (the tokenizer adds {@code <BOS_TOKEN>}) has no system turn; it was not checked against the
 *     chat template shipped with a checkpoint.
 */
public final class AyaVisionProcessor extends TiledInputProcessor {

    /** The text that stands for one image in the prompt. */
    public static final String IMAGE_PLACEHOLDER = "<image>";

    /** The token whose embeddings the image features replace. */
    public static final String IMAGE_PATCH = "<|IMG_PATCH|>";

    private static final String START_OF_IMAGE = "<|START_OF_IMG|>";
    private static final String END_OF_IMAGE = "<|END_OF_IMG|>";
    private static final String TILE = "TILE";
    private static final String TILE_GLOBAL = "TILE_GLOBAL";

    /** The tile bounds {@code AyaVisionProcessor} passes to the image processor, overriding the config. */
    private static final int MIN_PATCHES = 1;
    private static final int MAX_PATCHES = 12;

    private AyaVisionProcessor(PromptTokenizer tokenizer, GotOcr2ImageProcessor images, AyaVisionConfig config) {
        super(tokenizer, images, IMAGE_PLACEHOLDER, IMAGE_PATCH, config.imageTokenId(), config.tokensPerImage());
    }

    /**
     * Opens the processor of the Aya Vision model in {@code folder}: {@code config.json} and
     * {@code tokenizer.json} (required), {@code preprocessor_config.json} (optional: tiles of the
     * tower's image size with mean and std 0.5 without it).
     *
     * @throws UncheckedIOException naming the file when a required file is missing or unreadable
     * @throws IllegalArgumentException when the tokenizer does not encode {@code <|IMG_PATCH|>} as
     *     the config's {@code image_token_index}
     */
    public static AyaVisionProcessor open(Path folder) {
        AyaVisionConfig config = AyaVisionConfig.from(ModelConfig.read(folder));
        GotOcr2ImageProcessor images = imageProcessor(folder, config.vision().imageSize());
        return new AyaVisionProcessor(PromptTokenizer.open(folder, AyaVisionAdapter.ID), images, config);
    }

    @Override
    public String promptText(String prompt, int imageCount) {
        return "<|START_OF_TURN_TOKEN|><|USER_TOKEN|>" + IMAGE_PLACEHOLDER.repeat(imageCount) + prompt
                + "<|END_OF_TURN_TOKEN|><|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>";
    }

    @Override
    public String imageText(int tiles) {
        String patches = IMAGE_PATCH.repeat(tokensPerTile());
        StringBuilder text = new StringBuilder(START_OF_IMAGE);
        for (int tile = 1; tile < tiles; tile++) {
            text.append(TILE).append('_').append(tile).append(patches);
        }
        return text.append(TILE_GLOBAL).append(patches).append(END_OF_IMAGE).toString();
    }

    private static GotOcr2ImageProcessor imageProcessor(Path folder, int imageSize) {
        Path file = folder.resolve(PreprocessorConfig.FILE_NAME);
        Map<String, Object> settings = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            try {
                settings.putAll(PreprocessorConfig.fromFolder(folder).asMap());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the image settings " + file, e);
            }
        } else {
            settings.put("size", Map.of("height", imageSize, "width", imageSize));
            settings.put("image_mean", 0.5);
            settings.put("image_std", 0.5);
        }
        settings.put("crop_to_patches", true);
        settings.put("min_patches", MIN_PATCHES);
        settings.put("max_patches", MAX_PATCHES);
        return GotOcr2ImageProcessor.fromConfig(PreprocessorConfig.fromMap(settings));
    }
}
