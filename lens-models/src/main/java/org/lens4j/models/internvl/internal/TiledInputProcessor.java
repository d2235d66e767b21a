package org.lens4j.models.internvl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.image.GotOcr2ImageProcessor;
import org.lens4j.core.image.ProcessedImage;
import org.lens4j.core.image.RgbImage;
import org.lens4j.models.InputProcessor;
import org.lens4j.models.vit.internal.PromptTokenizer;

/**
 * The input processing InternVL and Aya Vision share. It tiles every image, renders the prompt with
 * one placeholder per image and replaces the i-th placeholder by the text of image i's tiles. Then
 * it tokenises the result and pads the batch on the left, as both reference processors do.
 */
public abstract class TiledInputProcessor implements InputProcessor {

    private final PromptTokenizer tokenizer;
    private final GotOcr2ImageProcessor imageProcessor;
    private final String placeholder;
    private final long imageToken;
    private final int tokensPerTile;
    private final long padId;

    /**
     * Takes ownership of {@code tokenizer}; closes it when the checks fail.
     *
     * @param placeholder the text that stands for one image in {@link #promptText}
     * @param imageTokenText the token whose embeddings the image features replace
     * @param imageToken the model config's id of that token
     * @param tokensPerTile how many image tokens one tile yields
     * @throws IllegalArgumentException when the tokenizer does not encode {@code imageTokenText} as
     *     {@code imageToken}
     */
    protected TiledInputProcessor(PromptTokenizer tokenizer, GotOcr2ImageProcessor imageProcessor,
            String placeholder, String imageTokenText, long imageToken, int tokensPerTile) {
        this.tokenizer = tokenizer;
        this.imageProcessor = imageProcessor;
        this.placeholder = placeholder;
        this.imageToken = imageToken;
        this.tokensPerTile = tokensPerTile;
        try {
            long encoded = tokenizer.tokenId(imageTokenText);
            if (encoded != imageToken) {
                throw new IllegalArgumentException("the tokenizer encodes " + imageTokenText + " as " + encoded
                        + " but the model config's image token id is " + imageToken
                        + "; use the tokenizer that belongs to the model");
            }
            this.padId = tokenizer.padId(0);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** Returns the prompt text of one item, with one placeholder per image. */
    public abstract String promptText(String prompt, int imageCount);

    /** Returns the text that replaces the placeholder of an image cut into {@code tiles} tiles. */
    public abstract String imageText(int tiles);

    /** Returns how many image tokens one tile yields. */
    public final int tokensPerTile() {
        return tokensPerTile;
    }

    /**
     * Replaces the i-th placeholder of {@code text} by {@link #imageText} of {@code tiles[i]}.
     *
     * @throws IllegalArgumentException when the text has another number of placeholders than images
     */
    public final String expand(String text, List<Integer> tiles) {
        String[] parts = text.split(Pattern.quote(placeholder), -1);
        if (parts.length - 1 != tiles.size()) {
            throw new IllegalArgumentException("the prompt contains " + (parts.length - 1) + " " + placeholder
                    + " placeholders for " + tiles.size() + " images; remove " + placeholder + " from the prompt text");
        }
        StringBuilder out = new StringBuilder(parts[0]);
        for (int i = 0; i < tiles.size(); i++) {
            out.append(imageText(tiles.get(i))).append(parts[i + 1]);
        }
        return out.toString();
    }

    /**
     * Builds {@code input_ids}, {@code attention_mask} (left-padded) and, when the batch has images,
     * {@code pixel_values [tiles, 3, S, S]} with the tiles of every image in order.
     *
     * @throws IllegalArgumentException when the counts differ, the batch is empty, or the image
     *     tokens do not survive tokenisation
     */
    @Override
    public final ModelInputs process(NDManager manager, List<List<BufferedImage>> images, List<String> prompts) {
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
            List<Integer> tiles = new ArrayList<>();
            for (BufferedImage image : images.get(item)) {
                ProcessedImage out = imageProcessor.process(RgbImage.fromBufferedImage(image));
                processed.add(out);
                tiles.add((int) out.shape()[0]);
            }
            String text = expand(promptText(prompts.get(item), tiles.size()), tiles);
            long[] ids = tokenizer.encode(text);
            checkImageTokens(ids, tiles, item);
            rows.add(ids);
        }

        Map<String, NDArray> tensors = new LinkedHashMap<>();
        padLeft(rows, manager, tensors);
        if (!processed.isEmpty()) {
            tensors.put(ModelInputs.PIXEL_VALUES, concatenate(processed, manager));
        }
        return ModelInputs.of(tensors);
    }

    /** Releases the tokenizer; idempotent. */
    @Override
    public final void close() {
        tokenizer.close();
    }

    private void checkImageTokens(long[] ids, List<Integer> tiles, int item) {
        long expected = 0;
        for (int count : tiles) {
            expected += (long) count * tokensPerTile;
        }
        long found = 0;
        for (long id : ids) {
            if (id == imageToken) {
                found++;
            }
        }
        if (found != expected) {
            throw new IllegalArgumentException("prompt " + item + " encodes to " + found + " image tokens but its "
                    + tiles + " tiles need " + expected + "; remove image tokens from the prompt text");
        }
    }

    private void padLeft(List<long[]> rows, NDManager manager, Map<String, NDArray> tensors) {
        int longest = rows.stream().mapToInt(row -> row.length).max().orElse(0);
        long[] ids = new long[rows.size() * longest];
        long[] mask = new long[rows.size() * longest];
        for (int r = 0; r < rows.size(); r++) {
            long[] row = rows.get(r);
            int offset = longest - row.length;
            for (int c = 0; c < longest; c++) {
                boolean real = c >= offset;
                ids[r * longest + c] = real ? row[c - offset] : padId;
                mask[r * longest + c] = real ? 1 : 0;
            }
        }
        tensors.put(ModelInputs.INPUT_IDS, manager.create(ids).reshape(rows.size(), longest));
        tensors.put(ModelInputs.ATTENTION_MASK, manager.create(mask).reshape(rows.size(), longest));
    }

    private static NDArray concatenate(List<ProcessedImage> images, NDManager manager) {
        long[] first = images.get(0).shape();
        int total = 0;
        long tiles = 0;
        for (ProcessedImage image : images) {
            total += image.size();
            tiles += image.shape()[0];
        }
        float[] values = new float[total];
        int offset = 0;
        for (ProcessedImage image : images) {
            image.pixelBuffer().get(values, offset, image.size());
            offset += image.size();
        }
        return manager.create(values, new Shape(tiles, first[1], first[2], first[3]));
    }
}
