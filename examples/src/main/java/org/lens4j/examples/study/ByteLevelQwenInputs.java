package org.lens4j.examples.study;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.image.GridThw;
import org.lens4j.core.image.PixelBatch;
import org.lens4j.core.image.ProcessedImage;
import org.lens4j.core.image.Qwen2VlImageProcessor;
import org.lens4j.core.image.RgbImage;
import org.lens4j.models.InputProcessor;

/**
 * Qwen2-VL inputs for the built-in random-weight network, which ships without a tokenizer file.
 *
 * <p>The chat template, the special-token ids and the image processing are Qwen2-VL's; the text
 * between special tokens is encoded one token per UTF-8 byte, using the ids that Qwen's byte-level
 * vocabulary gives single bytes (for example {@code "\n"} → 198, {@code "."} → 13). A real
 * tokenizer would merge bytes into longer tokens; for a network with random weights the prompt's
 * exact segmentation carries no meaning, so the study records which encoding it used.
 *
 * @implNote Batches are left-padded with token 0 when their lengths differ.
 */
public final class ByteLevelQwenInputs implements InputProcessor {

    /** Describes this encoding in reports. */
    public static final String DESCRIPTION = "Qwen2-VL chat template, text encoded one token per UTF-8 byte";

    static final long IM_START = 151_644;
    static final long IM_END = 151_645;
    static final long VISION_START = 151_652;
    static final long VISION_END = 151_653;
    static final long IMAGE_PAD = 151_655;
    private static final String SYSTEM_PROMPT = "You are a helpful assistant.";
    private static final long[] BYTE_IDS = byteIds();

    private final Qwen2VlImageProcessor images;
    private final int mergeSize;

    /**
     * Creates the encoder.
     *
     * @param images the image processor (its patch and merge sizes must match the model)
     * @param mergeSize the model's spatial merge size (2 for Qwen2-VL)
     */
    public ByteLevelQwenInputs(Qwen2VlImageProcessor images, int mergeSize) {
        if (mergeSize < 1) {
            throw new IllegalArgumentException("mergeSize must be >= 1, got " + mergeSize);
        }
        this.images = images;
        this.mergeSize = mergeSize;
    }

    @Override
    public ModelInputs process(NDManager manager, List<List<BufferedImage>> imagesPerItem, List<String> prompts) {
        if (imagesPerItem.size() != prompts.size()) {
            throw new IllegalArgumentException("got " + imagesPerItem.size() + " image lists but " + prompts.size()
                    + " prompts; pass one prompt per batch item");
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

    /** Returns the token ids of one prompt with its images' placeholder tokens expanded. */
    long[] tokenIds(String prompt, List<GridThw> grids) {
        List<Long> ids = new ArrayList<>();
        ids.add(IM_START);
        addText(ids, "system\n" + SYSTEM_PROMPT);
        ids.add(IM_END);
        addText(ids, "\n");
        ids.add(IM_START);
        addText(ids, "user\n");
        for (GridThw grid : grids) {
            ids.add(VISION_START);
            long tokens = (long) grid.patches() / ((long) mergeSize * mergeSize);
            for (long i = 0; i < tokens; i++) {
                ids.add(IMAGE_PAD);
            }
            ids.add(VISION_END);
        }
        addText(ids, prompt);
        ids.add(IM_END);
        addText(ids, "\n");
        ids.add(IM_START);
        addText(ids, "assistant\n");
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static ModelInputs assemble(NDManager manager, List<long[]> rows, List<ProcessedImage> processed) {
        int length = rows.stream().mapToInt(row -> row.length).max().orElse(0);
        long[] ids = new long[rows.size() * length];
        long[] mask = new long[rows.size() * length];
        for (int item = 0; item < rows.size(); item++) {
            long[] row = rows.get(item);
            int offset = item * length + (length - row.length);
            System.arraycopy(row, 0, ids, offset, row.length);
            for (int i = 0; i < row.length; i++) {
                mask[offset + i] = 1;
            }
        }
        Shape tokens = new Shape(rows.size(), length);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put(ModelInputs.INPUT_IDS, manager.create(ids, tokens));
        tensors.put(ModelInputs.ATTENTION_MASK, manager.create(mask, tokens));
        if (!processed.isEmpty()) {
            PixelBatch batch = PixelBatch.concatenate(processed);
            tensors.put(ModelInputs.PIXEL_VALUES, manager.create(batch.values(), new Shape(batch.shape())));
            long[] grid = batch.gridThw().orElseThrow();
            tensors.put("image_grid_thw", manager.create(grid, new Shape(processed.size(), 3)));
        }
        return ModelInputs.of(tensors);
    }

    private static void addText(List<Long> ids, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            ids.add(BYTE_IDS[b & 0xFF]);
        }
    }

    // Byte-level BPE vocabularies list the 188 printable bytes first, in byte order, then the others.
    private static long[] byteIds() {
        long[] out = new long[256];
        long next = 0;
        for (int b = 0; b < 256; b++) {
            if (isPrintable(b)) {
                out[b] = next++;
            }
        }
        for (int b = 0; b < 256; b++) {
            if (!isPrintable(b)) {
                out[b] = next++;
            }
        }
        return out;
    }

    private static boolean isPrintable(int b) {
        return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    }

    @Override
    public void close() {
        // Holds no native memory.
    }
}
