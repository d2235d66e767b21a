package org.lens4j.models.llava;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.image.ImageProcessor;
import org.lens4j.core.image.PixelBatch;
import org.lens4j.core.image.ProcessedImage;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.llava.internal.LlavaStyleProcessor;
import org.lens4j.models.vit.internal.Pixels;
import org.lens4j.models.vit.internal.PromptTokenizer;

/**
 * Builds LLaVA-1.5 inputs: the prompt {@code USER: <image>\n{prompt} ASSISTANT:} (one
 * {@code <image>\n} per image), each {@code <image>} expanded to the tower's feature count (576 at
 * 336 px with 14 px patches), padded on the side {@code tokenizer_config.json} names, and the
 * images resized and center-cropped by {@code CLIPImageProcessor}.
 *
 * <pre>{@code
 * try (LlavaProcessor processor = LlavaProcessor.open(Path.of("llava-1.5-7b-hf"));
 *      NDManager manager = LensRuntime.newManager()) {
 *     ModelInputs inputs = processor.process(manager, List.of(List.of(image)), List.of("Is the fabric defective?"));
 * }
 * }</pre>
 */
public final class LlavaProcessor extends LlavaStyleProcessor {

    private final ImageProcessor imageProcessor;
    private final int tokensPerImage;

    private LlavaProcessor(PromptTokenizer tokenizer, PromptTemplate template, LlavaConfig config,
            ImageProcessor imageProcessor) {
        super(tokenizer, template, config);
        this.imageProcessor = imageProcessor;
        this.tokensPerImage = config.tokensPerImage();
    }

    /**
     * Opens the processor of the LLaVA model in {@code folder} with the LLaVA-1.5 template:
     * {@code config.json} and {@code tokenizer.json} (required), {@code preprocessor_config.json}
     * and {@code tokenizer_config.json} (optional).
     *
     * @throws java.io.UncheckedIOException naming the file when a required file is missing or unreadable
     * @throws IllegalArgumentException when the tokenizer and the config disagree on the image token
     */
    public static LlavaProcessor open(Path folder) {
        return open(folder, PromptTemplate.LLAVA_1_5);
    }

    /** Opens the processor with another prompt template. */
    public static LlavaProcessor open(Path folder, PromptTemplate template) {
        LlavaConfig config = LlavaConfig.from(ModelConfig.read(folder));
        ImageProcessor images = Pixels.clipProcessor(folder, config.vision().imageSize());
        return new LlavaProcessor(PromptTokenizer.open(folder, LlavaAdapter.ID), template, config, images);
    }

    @Override
    protected ProcessedImage preprocess(BufferedImage image) {
        return Pixels.process(imageProcessor, image);
    }

    @Override
    protected int imageTokens(ProcessedImage image) {
        return tokensPerImage;
    }

    @Override
    protected void putPixels(Map<String, NDArray> tensors, List<ProcessedImage> images, NDManager manager) {
        tensors.put(ModelInputs.PIXEL_VALUES, Pixels.toArray(PixelBatch.stack(images), manager));
    }
}
