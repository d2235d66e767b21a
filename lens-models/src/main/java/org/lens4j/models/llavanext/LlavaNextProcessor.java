package org.lens4j.models.llavanext;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.image.ImageSize;
import org.lens4j.core.image.LlavaNextImageProcessor;
import org.lens4j.core.image.PixelBatch;
import org.lens4j.core.image.PreprocessorConfig;
import org.lens4j.core.image.ProcessedImage;
import org.lens4j.core.image.RgbImage;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.llama.DecoderVariant;
import org.lens4j.models.llava.LlavaConfig;
import org.lens4j.models.llava.PromptTemplate;
import org.lens4j.models.llava.internal.LlavaStyleProcessor;
import org.lens4j.models.llavanext.internal.LlavaNextModel;
import org.lens4j.models.vit.internal.PromptTokenizer;

/**
 * Builds LLaVA-NeXT inputs: AnyRes tiles of every image ({@code LlavaNextImageProcessor}), the
 * prompt template of the decoder, and each {@code <image>} expanded to the image's packed feature
 * count: the base tile's features plus the unpadded grid with one newline per row.
 *
 * <p>The template follows the decoder: {@link PromptTemplate#MISTRAL} for Mistral,
 * {@link PromptTemplate#LLAMA3} for a Llama decoder with a vocabulary of at least 128000 tokens,
 * {@link PromptTemplate#VICUNA} for other Llama decoders. Pixel values are
 * {@code [images, max tiles, 3, S, S]}, zero-padded, with {@code image_sizes [images, 2]}.
 */
public final class LlavaNextProcessor extends LlavaStyleProcessor {

    /** Vocabulary size from which a Llama decoder is taken to be Llama 3 (Llama 2 has 32000). */
    static final int LLAMA3_MIN_VOCABULARY = 128000;

    private final LlavaNextImageProcessor imageProcessor;
    private final LlavaNextConfig config;

    private LlavaNextProcessor(PromptTokenizer tokenizer, PromptTemplate template, LlavaNextConfig config,
            LlavaNextImageProcessor imageProcessor) {
        super(tokenizer, template, config.llava());
        this.imageProcessor = imageProcessor;
        this.config = config;
    }

    /**
     * Opens the processor of the LLaVA-NeXT model in {@code folder}: {@code config.json} and
     * {@code tokenizer.json} (required), {@code preprocessor_config.json} (optional: the tower's
     * image size and the config's pinpoints without it) and {@code tokenizer_config.json} (optional).
     *
     * @throws UncheckedIOException naming the file when a required file is missing or unreadable
     * @throws IllegalArgumentException when the tokenizer and the config disagree on the image token
     */
    public static LlavaNextProcessor open(Path folder) {
        LlavaNextConfig config = LlavaNextConfig.from(ModelConfig.read(folder));
        return open(folder, defaultTemplate(config.llava()));
    }

    /** Opens the processor with another prompt template. */
    public static LlavaNextProcessor open(Path folder, PromptTemplate template) {
        LlavaNextConfig config = LlavaNextConfig.from(ModelConfig.read(folder));
        return new LlavaNextProcessor(PromptTokenizer.open(folder, LlavaNextAdapter.ID), template, config,
                imageProcessor(folder, config));
    }

    /** Returns the template {@link #open(Path)} uses for a configuration. */
    public static PromptTemplate defaultTemplate(LlavaConfig config) {
        if (config.text().variant() == DecoderVariant.MISTRAL) {
            return PromptTemplate.MISTRAL;
        }
        return config.text().vocabSize() >= LLAMA3_MIN_VOCABULARY ? PromptTemplate.LLAMA3 : PromptTemplate.VICUNA;
    }

    @Override
    protected ProcessedImage preprocess(BufferedImage image) {
        return imageProcessor.process(RgbImage.fromBufferedImage(image));
    }

    @Override
    protected int imageTokens(ProcessedImage image) {
        ImageSize size = image.imageSize().orElseThrow(() -> new IllegalStateException(
                "the LLaVA-NeXT image processor returned no image size"));
        int side = config.llava().vision().patchesPerSide();
        int[] grid = AnyResolution.gridShape(size.height(), size.width(), config.imageGridPinpoints(),
                config.llava().vision().imageSize());
        int[] region = AnyResolution.unpaddedRegion(grid[0] * side, grid[1] * side, size.height(), size.width());
        int rows = region[1] - region[0];
        int columns = region[3] - region[2];
        return side * side + rows * (columns + 1);
    }

    @Override
    protected void putPixels(Map<String, NDArray> tensors, List<ProcessedImage> images, NDManager manager) {
        PixelBatch batch = PixelBatch.stackPadded(images);
        long[] sizes = batch.imageSizes().orElseThrow(() -> new IllegalStateException(
                "the LLaVA-NeXT image processor returned no image sizes"));
        tensors.put(ModelInputs.PIXEL_VALUES, manager.create(batch.values(), new ai.djl.ndarray.types.Shape(batch.shape())));
        tensors.put(LlavaNextModel.IMAGE_SIZES, manager.create(sizes).reshape(images.size(), 2));
    }

    private static LlavaNextImageProcessor imageProcessor(Path folder, LlavaNextConfig config) {
        try {
            if (Files.isRegularFile(folder.resolve(PreprocessorConfig.FILE_NAME))) {
                return LlavaNextImageProcessor.fromFolder(folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image settings in " + folder, e);
        }
        int side = config.llava().vision().imageSize();
        List<List<Integer>> pinpoints = new ArrayList<>();
        for (int[] pinpoint : config.imageGridPinpoints()) {
            pinpoints.add(List.of(pinpoint[0], pinpoint[1]));
        }
        return LlavaNextImageProcessor.fromConfig(PreprocessorConfig.fromMap(Map.of(
                "size", Map.of("shortest_edge", side),
                "crop_size", Map.of("height", side, "width", side),
                "image_grid_pinpoints", pinpoints)));
    }
}
