package org.lens4j.models.paligemma;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.image.ImageProcessor;
import org.lens4j.core.image.PixelBatch;
import org.lens4j.core.image.PreprocessorConfig;
import org.lens4j.core.image.ProcessedImage;
import org.lens4j.core.image.SiglipImageProcessor;
import org.lens4j.models.InputProcessor;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.vit.internal.Pixels;
import org.lens4j.models.vit.internal.PromptTokenizer;

/**
 * Builds PaliGemma inputs as transformers' {@code PaliGemmaProcessor} lays them out:
 * {@code <image>} × tokens per image for each image, then {@code <bos>}, the prompt and {@code \n}.
 * {@code SiglipImageProcessor} resizes the images to the tower's size, and rows are padded on the
 * side {@code tokenizer_config.json} names (right without it).
 *
 * <pre>{@code
 * try (PaliGemmaProcessor processor = PaliGemmaProcessor.open(Path.of("paligemma-3b-mix-224"));
 *      NDManager manager = LensRuntime.newManager()) {
 *     ModelInputs inputs = processor.process(manager, List.of(List.of(image)), List.of("caption en"));
 * }
 * }</pre>
 *
 * @implNote The prompt and {@code \n} are encoded apart from the image tokens, with the tokenizer's
 *     own special tokens, and {@code <bos>} is put first when the tokenizer does not add it. The
 *     Gemma tokenizer splits its input at added tokens such as {@code <image>}, so this gives the
 *     ids of encoding the whole string at once.
 */
public final class PaliGemmaProcessor implements InputProcessor {

    private static final String IMAGE_TOKEN = "<image>";

    private final PromptTokenizer tokenizer;
    private final ImageProcessor imageProcessor;
    private final PaliGemmaConfig config;
    private final long padId;

    private PaliGemmaProcessor(PromptTokenizer tokenizer, ImageProcessor imageProcessor, PaliGemmaConfig config) {
        this.tokenizer = tokenizer;
        this.imageProcessor = imageProcessor;
        this.config = config;
        try {
            long encoded = tokenizer.tokenId(IMAGE_TOKEN);
            if (encoded != config.imageTokenIndex()) {
                throw new IllegalArgumentException("the tokenizer encodes " + IMAGE_TOKEN + " as " + encoded
                        + " but the model config's image_token_index is " + config.imageTokenIndex()
                        + "; use the tokenizer that belongs to the model");
            }
            this.padId = tokenizer.padId(config.padTokenId());
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /**
     * Opens the processor of the PaliGemma model in {@code folder}: {@code config.json} and
     * {@code tokenizer.json} (required), {@code preprocessor_config.json} and
     * {@code tokenizer_config.json} (optional). Without {@code preprocessor_config.json}, images are
     * resized to the tower's {@code image_size}.
     *
     * @throws UncheckedIOException naming the file when a required file is missing or unreadable
     * @throws IllegalArgumentException when the tokenizer and the config disagree on the image token
     */
    public static PaliGemmaProcessor open(Path folder) {
        PaliGemmaConfig config = PaliGemmaConfig.from(ModelConfig.read(folder));
        ImageProcessor images = imageProcessor(folder, config.vision().imageSize());
        return new PaliGemmaProcessor(PromptTokenizer.open(folder, PaliGemmaAdapter.ID), images, config);
    }

    /** Returns the ids of one item: image tokens for {@code imageCount} images, {@code <bos>}, the prompt and {@code \n}. */
    public long[] promptIds(String prompt, int imageCount) {
        long[] text = tokenizer.encode(prompt + "\n");
        boolean hasBos = text.length > 0 && text[0] == config.bosTokenId();
        int images = imageCount * config.tokensPerImage();
        long[] ids = new long[images + (hasBos ? 0 : 1) + text.length];
        int next = 0;
        for (; next < images; next++) {
            ids[next] = config.imageTokenIndex();
        }
        if (!hasBos) {
            ids[next++] = config.bosTokenId();
        }
        System.arraycopy(text, 0, ids, next, text.length);
        return ids;
    }

    /**
     * Builds {@code input_ids}, {@code attention_mask} and, when the batch has images,
     * {@code pixel_values [images, 3, S, S]}.
     *
     * @throws IllegalArgumentException when the counts differ, the batch is empty or a prompt
     *     contains {@code <image>}
     */
    @Override
    public ModelInputs process(NDManager manager, List<List<BufferedImage>> images, List<String> prompts) {
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("the batch is empty; give at least one prompt");
        }
        if (images.size() != prompts.size()) {
            throw new IllegalArgumentException("got " + images.size() + " image lists for " + prompts.size()
                    + " prompts; give one list per prompt");
        }
        List<long[]> rows = new ArrayList<>();
        List<ProcessedImage> processed = new ArrayList<>();
        for (int item = 0; item < prompts.size(); item++) {
            String prompt = prompts.get(item);
            if (prompt.contains(IMAGE_TOKEN)) {
                throw new IllegalArgumentException("prompt " + item + " contains " + IMAGE_TOKEN + ", but the processor"
                        + " puts the image tokens before <bos>; remove it from the text");
            }
            for (BufferedImage image : images.get(item)) {
                processed.add(Pixels.process(imageProcessor, image));
            }
            rows.add(promptIds(prompt, images.get(item).size()));
        }

        PromptTokenizer.Padded padded = tokenizer.pad(rows, padId, manager);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put(ModelInputs.INPUT_IDS, padded.inputIds());
        tensors.put(ModelInputs.ATTENTION_MASK, padded.attentionMask());
        if (!processed.isEmpty()) {
            tensors.put(ModelInputs.PIXEL_VALUES, Pixels.toArray(PixelBatch.stack(processed), manager));
        }
        return ModelInputs.of(tensors);
    }

    /** Releases the tokenizer; idempotent. */
    @Override
    public void close() {
        tokenizer.close();
    }

    private static ImageProcessor imageProcessor(Path folder, int imageSize) {
        try {
            if (Files.isRegularFile(folder.resolve(PreprocessorConfig.FILE_NAME))) {
                return SiglipImageProcessor.fromFolder(folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder.resolve(PreprocessorConfig.FILE_NAME), e);
        }
        return SiglipImageProcessor.fromConfig(PreprocessorConfig.fromMap(
                Map.of("size", Map.of("height", imageSize, "width", imageSize))));
    }
}
