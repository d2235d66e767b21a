package org.lens4j.models.qwen2vl;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.image.GridThw;
import org.lens4j.core.image.ProcessedImage;
import org.lens4j.core.image.Qwen2VlImageProcessor;
import org.lens4j.core.image.RgbImage;
import org.lens4j.models.InputProcessor;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.qwen2vl.internal.QwenVLConfig;
import org.lens4j.models.qwen2vl.internal.QwenVLModel;

/**
 * Builds Qwen2-VL and Qwen2.5-VL inputs from images and prompts: the chat template, tokenisation,
 * image preprocessing and the expansion of each {@code <|image_pad|>} to the image's token count.
 *
 * <p>The prompt of one item, with {@code k} images, is
 * <pre>
 * &lt;|im_start|&gt;system\nYou are a helpful assistant.&lt;|im_end|&gt;\n&lt;|im_start|&gt;user\n
 * (&lt;|vision_start|&gt;&lt;|image_pad|&gt;&lt;|vision_end|&gt;) × k {prompt}&lt;|im_end|&gt;\n&lt;|im_start|&gt;assistant\n
 * </pre>
 * as the Qwen2-VL chat template renders a user message with the images before the text and the
 * generation prompt. Each {@code <|image_pad|>} then becomes {@code t · h · w / merge²} copies.
 * Items of a batch are padded on the left with the tokenizer's pad token ({@code <|endoftext|>})
 * and attention mask 0.
 *
 * <pre>{@code
 * try (Qwen2VLProcessor processor = Qwen2VLProcessor.open(Path.of("Qwen2-VL-2B-Instruct"));
 *      NDManager manager = LensRuntime.newManager()) {
 *     ModelInputs inputs = processor.process(manager, List.of(List.of(image)), List.of("Is there a defect?"));
 * }
 * }</pre>
 *
 * <p>The tokenizer is opened from {@code tokenizer.json} by file path, with truncation off and no
 * special tokens added. It keeps native memory until {@link #close()}.
 */
public final class Qwen2VLProcessor implements InputProcessor {

    /** The default system prompt of the Qwen2-VL chat template. */
    public static final String DEFAULT_SYSTEM_PROMPT = "You are a helpful assistant.";

    private static final String IMAGE_BLOCK = "<|vision_start|><|image_pad|><|vision_end|>";
    private static final String DEFAULT_PAD_TOKEN = "<|endoftext|>";

    private final HuggingFaceTokenizer tokenizer;
    private final Qwen2VlImageProcessor images;
    private final QwenVLConfig.TokenIds tokens;
    private final int mergeUnit;
    private final long padId;
    private final String systemPrompt;
    private boolean closed;

    private Qwen2VLProcessor(HuggingFaceTokenizer tokenizer, Qwen2VlImageProcessor images, QwenVLConfig config,
            String padToken, String systemPrompt) {
        this.tokenizer = tokenizer;
        this.images = images;
        this.tokens = config.tokens();
        this.mergeUnit = config.vision().mergeSize() * config.vision().mergeSize();
        this.systemPrompt = systemPrompt;
        this.padId = singleId(padToken);
        long imageId = singleId("<|image_pad|>");
        if (imageId != tokens.image()) {
            tokenizer.close();
            throw new IllegalArgumentException("the tokenizer encodes <|image_pad|> as " + imageId
                    + " but the model config's image_token_id is " + tokens.image()
                    + "; use the tokenizer that belongs to the model");
        }
    }

    /**
     * Opens the processor of the model in {@code folder}: {@code tokenizer.json} (required),
     * {@code config.json} (required), {@code preprocessor_config.json} and
     * {@code tokenizer_config.json} (optional; the defaults of transformers apply without them).
     *
     * @throws UncheckedIOException naming the file when a required file is missing or unreadable
     * @throws IllegalArgumentException when the tokenizer and the config disagree on the image token
     */
    public static Qwen2VLProcessor open(Path folder) {
        Qwen2VlImageProcessor imageProcessor;
        try {
            imageProcessor = Qwen2VlImageProcessor.fromFolder(folder);
        } catch (FileNotFoundException e) {
            imageProcessor = Qwen2VlImageProcessor.withDefaults();
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read the image processor settings in " + folder, e);
        }
        return open(folder.resolve("tokenizer.json"), imageProcessor, ModelConfig.read(folder),
                padToken(folder.resolve("tokenizer_config.json")));
    }

    /**
     * Opens a processor from explicit parts.
     *
     * @param tokenizerJson the {@code tokenizer.json} file
     * @param imageProcessor the image preprocessing
     * @param config the model config (token ids, merge size)
     * @param padToken the token used for left padding, for example {@code <|endoftext|>}
     * @throws UncheckedIOException when the tokenizer file cannot be read
     */
    public static Qwen2VLProcessor open(Path tokenizerJson, Qwen2VlImageProcessor imageProcessor, ModelConfig config,
            String padToken) {
        QwenVLConfig parsed = QwenVLConfig.from(config);
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new UncheckedIOException(new FileNotFoundException("tokenizer file not found: " + tokenizerJson
                    + "; a Qwen2-VL model folder must contain tokenizer.json"));
        }
        Map<String, String> options = Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");
        try {
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, options);
            return new Qwen2VLProcessor(tokenizer, imageProcessor, parsed, padToken, DEFAULT_SYSTEM_PROMPT);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read tokenizer " + tokenizerJson, e);
        }
    }

    /** Returns the chat-template text of one item before the image tokens are expanded. */
    public String promptText(String prompt, int imageCount) {
        Objects.requireNonNull(prompt, "prompt");
        if (imageCount < 0) {
            throw new IllegalArgumentException("imageCount must not be negative, got " + imageCount);
        }
        return "<|im_start|>system\n" + systemPrompt + "<|im_end|>\n<|im_start|>user\n"
                + IMAGE_BLOCK.repeat(imageCount) + prompt + "<|im_end|>\n<|im_start|>assistant\n";
    }

    /**
     * Returns the token ids of one item: the template of {@link #promptText} with each
     * {@code <|image_pad|>} expanded to {@code t · h · w / merge²} copies for the matching grid.
     */
    public long[] tokenIds(String prompt, List<GridThw> grids) {
        ensureOpen();
        long[] template = tokenizer.encode(promptText(prompt, grids.size()), false, false).getIds();
        List<Long> out = new ArrayList<>();
        int image = 0;
        for (long id : template) {
            if (id != tokens.image()) {
                out.add(id);
                continue;
            }
            if (image == grids.size()) {
                throw new IllegalArgumentException("the prompt contains more <|image_pad|> tokens than the " + grids.size()
                        + " images given; remove image tokens from the prompt text");
            }
            int count = grids.get(image++).patches() / mergeUnit;
            for (int i = 0; i < count; i++) {
                out.add(id);
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public ModelInputs process(NDManager manager, List<List<BufferedImage>> imagesPerItem, List<String> prompts) {
        ensureOpen();
        if (imagesPerItem.size() != prompts.size()) {
            throw new IllegalArgumentException("got " + imagesPerItem.size() + " image lists but " + prompts.size()
                    + " prompts; pass one image list (possibly empty) per prompt");
        }
        List<ProcessedImage> processed = new ArrayList<>();
        List<long[]> rows = new ArrayList<>();
        for (int item = 0; item < prompts.size(); item++) {
            List<GridThw> grids = new ArrayList<>();
            for (BufferedImage image : imagesPerItem.get(item)) {
                ProcessedImage one = images.process(RgbImage.fromBufferedImage(image));
                processed.add(one);
                grids.add(one.gridThw().orElseThrow());
            }
            rows.add(tokenIds(prompts.get(item), grids));
        }
        return assemble(manager, rows, processed);
    }

    private ModelInputs assemble(NDManager manager, List<long[]> rows, List<ProcessedImage> processed) {
        int width = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        long[] ids = new long[rows.size() * width];
        long[] mask = new long[rows.size() * width];
        for (int r = 0; r < rows.size(); r++) {
            long[] row = rows.get(r);
            int offset = r * width + width - row.length;
            Arrays.fill(ids, r * width, offset, padId);
            System.arraycopy(row, 0, ids, offset, row.length);
            Arrays.fill(mask, offset, (r + 1) * width, 1);
        }
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put(ModelInputs.INPUT_IDS, manager.create(ids, new Shape(rows.size(), width)));
        tensors.put(ModelInputs.ATTENTION_MASK, manager.create(mask, new Shape(rows.size(), width)));
        if (!processed.isEmpty()) {
            tensors.put(ModelInputs.PIXEL_VALUES, pixelValues(manager, processed));
            long[] grids = new long[3 * processed.size()];
            for (int i = 0; i < processed.size(); i++) {
                System.arraycopy(processed.get(i).gridThw().orElseThrow().toArray(), 0, grids, 3 * i, 3);
            }
            tensors.put(QwenVLModel.IMAGE_GRID_THW, manager.create(grids, new Shape(processed.size(), 3)));
        }
        return ModelInputs.of(tensors);
    }

    private static NDArray pixelValues(NDManager manager, List<ProcessedImage> processed) {
        long columns = processed.get(0).shape()[1];
        long rows = processed.stream().mapToLong(p -> p.shape()[0]).sum();
        float[] values = new float[Math.toIntExact(rows * columns)];
        int offset = 0;
        for (ProcessedImage image : processed) {
            float[] part = image.pixelValues();
            System.arraycopy(part, 0, values, offset, part.length);
            offset += part.length;
        }
        return manager.create(values, new Shape(rows, columns));
    }

    private long singleId(String token) {
        long[] ids = tokenizer.encode(token, false, false).getIds();
        if (ids.length != 1) {
            tokenizer.close();
            throw new IllegalArgumentException("the tokenizer splits " + token + " into " + ids.length
                    + " tokens; it is not a Qwen2 tokenizer");
        }
        return ids[0];
    }

    private static String padToken(Path tokenizerConfig) {
        if (!Files.isRegularFile(tokenizerConfig)) {
            return DEFAULT_PAD_TOKEN;
        }
        try {
            JsonObject json = JsonParser.parseString(Files.readString(tokenizerConfig)).getAsJsonObject();
            return json.has("pad_token") && json.get("pad_token").isJsonPrimitive()
                    ? json.get("pad_token").getAsString()
                    : DEFAULT_PAD_TOKEN;
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + tokenizerConfig, e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the Qwen2-VL processor is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            tokenizer.close();
        }
    }
}
