package org.lens4j.models.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.image.ImageProcessor;
import org.lens4j.core.image.PixelBatch;
import org.lens4j.core.image.ProcessedImage;
import org.lens4j.models.InputProcessor;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.vit.internal.Pixels;
import org.lens4j.models.vit.internal.PromptTokenizer;

/**
 * Builds CLIP inputs: each prompt tokenised as raw text (no template) with the tokenizer's start
 * and end tokens, padded to the longest, and one image per prompt resized and center-cropped by
 * {@code CLIPImageProcessor}.
 *
 * <pre>{@code
 * try (ClipProcessor processor = ClipProcessor.open(Path.of("clip-vit-base-patch32"));
 *      NDManager manager = LensRuntime.newManager()) {
 *     ModelInputs inputs = processor.process(manager, List.of(List.of(image)), List.of("a photo of a cat"));
 * }
 * }</pre>
 */
public final class ClipProcessor implements InputProcessor {

    private final PromptTokenizer tokenizer;
    private final ImageProcessor imageProcessor;
    private final ClipConfig config;
    private final long padId;

    private ClipProcessor(PromptTokenizer tokenizer, ImageProcessor imageProcessor, ClipConfig config) {
        this.tokenizer = tokenizer;
        this.imageProcessor = imageProcessor;
        this.config = config;
        this.padId = tokenizer.padId(config.text().effectiveEosTokenId());
    }

    /**
     * Opens the processor of the CLIP model in {@code folder}: {@code config.json} and
     * {@code tokenizer.json} (required), {@code preprocessor_config.json} and
     * {@code tokenizer_config.json} (optional).
     *
     * @throws java.io.UncheckedIOException naming the file when a required file is missing or unreadable
     */
    public static ClipProcessor open(Path folder) {
        ClipConfig config = ClipConfig.from(ModelConfig.read(folder));
        ImageProcessor images = Pixels.clipProcessor(folder, config.vision().imageSize());
        return new ClipProcessor(PromptTokenizer.open(folder, ClipAdapter.ID), images, config);
    }

    /**
     * Builds {@code input_ids}, {@code attention_mask} and {@code pixel_values [b, 3, S, S]}.
     *
     * @throws IllegalArgumentException when an item does not carry exactly one image, or a text is
     *     longer than {@code max_position_embeddings} tokens
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
            if (images.get(item).size() != 1) {
                throw new IllegalArgumentException("item " + item + " carries " + images.get(item).size()
                        + " images but CLIP pairs exactly one image with each text");
            }
            long[] ids = tokenizer.encode(prompts.get(item));
            if (ids.length > config.text().maxPositionEmbeddings()) {
                throw new IllegalArgumentException("prompt " + item + " has " + ids.length + " tokens but CLIP's"
                        + " text tower takes at most " + config.text().maxPositionEmbeddings() + "; shorten it");
            }
            rows.add(ids);
            processed.add(Pixels.process(imageProcessor, images.get(item).get(0)));
        }

        PromptTokenizer.Padded padded = tokenizer.pad(rows, padId, manager);
        NDArray pixels = Pixels.toArray(PixelBatch.stack(processed), manager);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put(ModelInputs.INPUT_IDS, padded.inputIds());
        tensors.put(ModelInputs.ATTENTION_MASK, padded.attentionMask());
        tensors.put(ModelInputs.PIXEL_VALUES, pixels);
        return ModelInputs.of(tensors);
    }

    /** Releases the tokenizer; idempotent. */
    @Override
    public void close() {
        tokenizer.close();
    }
}
