package org.lens4j.models.janus;

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
import org.lens4j.core.image.JanusImageProcessor;
import org.lens4j.core.image.PixelBatch;
import org.lens4j.core.image.PreprocessorConfig;
import org.lens4j.core.image.ProcessedImage;
import org.lens4j.models.InputProcessor;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.vit.internal.Pixels;
import org.lens4j.models.vit.internal.PromptTokenizer;

/**
 * Builds Janus inputs for image understanding: the default system prompt, a user turn that starts
 * with one {@code <image_placeholder>} line per image, and the assistant cue. Each placeholder is
 * expanded to {@code <begin_of_image>}, the image tokens and {@code <end_of_image>}, as
 * transformers' {@code JanusProcessor} does in text mode. {@code JanusImageProcessor} resizes and
 * pads the images, and rows are padded on the side {@code tokenizer_config.json} names (right
 * without it).
 *
 * <pre>{@code
 * try (JanusProcessor processor = JanusProcessor.open(Path.of("Janus-Pro-1B"));
 *      NDManager manager = LensRuntime.newManager()) {
 *     ModelInputs inputs = processor.process(manager, List.of(List.of(image)), List.of("Describe the fabric."));
 * }
 * }</pre>
 *
 * @implNote NOTE: the turn layout ({@code <|User|>: …\n\n<|Assistant|>:}) follows DeepSeek's
 *     conversation format; it was not checked against the chat template shipped with a Janus
 *     checkpoint. Use {@link #promptIds(String, int)} on your own text to build other layouts.
 */
public final class JanusProcessor implements InputProcessor {

    /** The system prompt {@code JanusProcessor} prepends in text mode. */
    public static final String SYSTEM_PROMPT = "You are a helpful language and vision assistant. You are able to"
            + " understand the visual content that the user provides, and assist the user with a variety of tasks"
            + " using natural language.\n\n";

    /** The placeholder that stands for one image in the prompt text. */
    public static final String IMAGE_PLACEHOLDER = "<image_placeholder>";

    private static final String BEGIN_OF_IMAGE = "<begin_of_image>";
    private static final String END_OF_IMAGE = "<end_of_image>";

    private final PromptTokenizer tokenizer;
    private final ImageProcessor imageProcessor;
    private final JanusConfig config;
    private final long beginOfImage;
    private final long endOfImage;
    private final long padId;

    private JanusProcessor(PromptTokenizer tokenizer, ImageProcessor imageProcessor, JanusConfig config) {
        this.tokenizer = tokenizer;
        this.imageProcessor = imageProcessor;
        this.config = config;
        try {
            long encoded = tokenizer.tokenId(IMAGE_PLACEHOLDER);
            if (encoded != config.imageTokenId()) {
                throw new IllegalArgumentException("the tokenizer encodes " + IMAGE_PLACEHOLDER + " as " + encoded
                        + " but the model config's image_token_id is " + config.imageTokenId()
                        + "; use the tokenizer that belongs to the model");
            }
            this.beginOfImage = tokenizer.tokenId(BEGIN_OF_IMAGE);
            this.endOfImage = tokenizer.tokenId(END_OF_IMAGE);
            this.padId = tokenizer.padId(0);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /**
     * Opens the processor of the Janus model in {@code folder}: {@code config.json} and
     * {@code tokenizer.json} (required), {@code preprocessor_config.json} and
     * {@code tokenizer_config.json} (optional). Without {@code preprocessor_config.json}, images
     * are resized and padded to the encoder's {@code image_size}.
     *
     * @throws UncheckedIOException naming the file when a required file is missing or unreadable
     * @throws IllegalArgumentException when the tokenizer lacks the image tokens or disagrees with
     *     the config on the placeholder id
     */
    public static JanusProcessor open(Path folder) {
        JanusConfig config = JanusConfig.from(ModelConfig.read(folder));
        ImageProcessor images = imageProcessor(folder, config.vision().imageSize());
        return new JanusProcessor(PromptTokenizer.open(folder, JanusAdapter.ID), images, config);
    }

    /** Returns the prompt text of one item before the placeholders are expanded. */
    public String promptText(String prompt, int imageCount) {
        return SYSTEM_PROMPT + "<|User|>: " + (IMAGE_PLACEHOLDER + "\n").repeat(imageCount) + prompt
                + "\n\n<|Assistant|>:";
    }

    /**
     * Encodes {@code text} with the tokenizer's special tokens and expands each placeholder to
     * {@code <begin_of_image>}, the image tokens and {@code <end_of_image>}.
     *
     * @throws IllegalArgumentException when the text contains another number of placeholders than
     *     {@code imageCount}
     */
    public long[] promptIds(String text, int imageCount) {
        long[] ids = tokenizer.encode(text);
        int placeholders = 0;
        for (long id : ids) {
            if (id == config.imageTokenId()) {
                placeholders++;
            }
        }
        if (placeholders != imageCount) {
            throw new IllegalArgumentException("the prompt encodes to " + placeholders + " " + IMAGE_PLACEHOLDER
                    + " tokens for " + imageCount + " images; remove " + IMAGE_PLACEHOLDER + " from the prompt text");
        }
        int perImage = config.tokensPerImage();
        long[] out = new long[ids.length + placeholders * (perImage + 1)];
        int next = 0;
        for (long id : ids) {
            if (id != config.imageTokenId()) {
                out[next++] = id;
                continue;
            }
            out[next++] = beginOfImage;
            for (int i = 0; i < perImage; i++) {
                out[next++] = id;
            }
            out[next++] = endOfImage;
        }
        return out;
    }

    /**
     * Builds {@code input_ids}, {@code attention_mask} and, when the batch has images,
     * {@code pixel_values [images, 3, S, S]}.
     *
     * @throws IllegalArgumentException when the counts differ, the batch is empty or a prompt
     *     contains {@code <image_placeholder>}
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
            int count = images.get(item).size();
            for (BufferedImage image : images.get(item)) {
                processed.add(Pixels.process(imageProcessor, image));
            }
            rows.add(promptIds(promptText(prompts.get(item), count), count));
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
                return JanusImageProcessor.fromFolder(folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder.resolve(PreprocessorConfig.FILE_NAME), e);
        }
        return JanusImageProcessor.fromConfig(PreprocessorConfig.fromMap(Map.of("image_size", imageSize)));
    }
}
