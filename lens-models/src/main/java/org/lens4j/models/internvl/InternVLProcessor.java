package org.lens4j.models.internvl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lens4j.core.image.GotOcr2ImageProcessor;
import org.lens4j.core.image.PreprocessorConfig;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.internvl.internal.TiledInputProcessor;
import org.lens4j.models.vit.internal.PromptTokenizer;

/**
 * Builds inputs for transformers-native InternVL ({@code InternVLProcessor}, transformers 4.51):
 * every image is tiled by {@link GotOcr2ImageProcessor} with {@code crop_to_patches} on, the user
 * turn contains one {@code <IMG_CONTEXT>} line per image, and each of them becomes {@code <img>},
 * {@code <IMG_CONTEXT>} × (tokens per tile × tiles) and {@code </img>}. Rows are padded on the
 * left; {@code pixel_values} are {@code [all tiles, 3, S, S]}.
 *
 * <pre>{@code
 * try (InternVLProcessor processor = InternVLProcessor.open(Path.of("InternVL3-1B-hf"));
 *      NDManager manager = LensRuntime.newManager()) {
 *     ModelInputs inputs = processor.process(manager, List.of(List.of(image)), List.of("Describe the image."));
 * }
 * }</pre>
 *
 * @implNote NOTE: the turn layout {@code <|im_start|>user\n<IMG_CONTEXT>\n{prompt}<|im_end|>\n<|im_start|>assistant\n}
 *     is the one transformers' InternVL tests use for a single image, with no system turn; it was
 *     not checked against the chat template shipped with a checkpoint.
 */
public final class InternVLProcessor extends TiledInputProcessor {

    /** The token that stands for one image in the prompt text, and for one feature after expansion. */
    public static final String IMAGE_CONTEXT = "<IMG_CONTEXT>";

    private static final String START_OF_IMAGE = "<img>";
    private static final String END_OF_IMAGE = "</img>";

    private InternVLProcessor(PromptTokenizer tokenizer, GotOcr2ImageProcessor images, InternVLConfig config) {
        super(tokenizer, images, IMAGE_CONTEXT, IMAGE_CONTEXT, config.imageTokenId(), config.tokensPerTile());
    }

    /**
     * Opens the processor of the InternVL model in {@code folder}: {@code config.json} and
     * {@code tokenizer.json} (required), {@code preprocessor_config.json} (optional). Tiling is on
     * whatever {@code crop_to_patches} is set to, as in the reference processor. Without the file, tiles
     * have the tower's image size, 1 to 12 of them, with ImageNet mean and std.
     *
     * @throws UncheckedIOException naming the file when a required file is missing or unreadable
     * @throws IllegalArgumentException when the tokenizer and the config disagree on the image token
     */
    public static InternVLProcessor open(Path folder) {
        InternVLConfig config = InternVLConfig.from(ModelConfig.read(folder));
        GotOcr2ImageProcessor images = imageProcessor(folder, config.vision().imageSize());
        return new InternVLProcessor(PromptTokenizer.open(folder, InternVLAdapter.ID), images, config);
    }

    @Override
    public String promptText(String prompt, int imageCount) {
        return "<|im_start|>user\n" + (IMAGE_CONTEXT + "\n").repeat(imageCount) + prompt
                + "<|im_end|>\n<|im_start|>assistant\n";
    }

    @Override
    public String imageText(int tiles) {
        return START_OF_IMAGE + IMAGE_CONTEXT.repeat(tokensPerTile() * tiles) + END_OF_IMAGE;
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
            settings.put("image_mean", List.of(0.485, 0.456, 0.406));
            settings.put("image_std", List.of(0.229, 0.224, 0.225));
        }
        settings.put("crop_to_patches", true);
        return GotOcr2ImageProcessor.fromConfig(PreprocessorConfig.fromMap(settings));
    }
}
