package org.lens4j.models.llava.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.image.ProcessedImage;
import org.lens4j.models.InputProcessor;
import org.lens4j.models.llava.LlavaConfig;
import org.lens4j.models.llava.PromptTemplate;
import org.lens4j.models.vit.internal.PromptTokenizer;

/**
 * The input processing LLaVA and LLaVA-NeXT share: render the prompt template, tokenise, replace
 * the i-th {@code <image>} token by as many copies as image i has features, pad the batch.
 */
public abstract class LlavaStyleProcessor implements InputProcessor {

    private final PromptTokenizer tokenizer;
    private final PromptTemplate template;
    private final long imageToken;
    private final long padId;

    /**
     * Takes ownership of {@code tokenizer}.
     *
     * @throws IllegalArgumentException when the tokenizer does not encode {@code <image>} as the
     *     config's image token
     */
    protected LlavaStyleProcessor(PromptTokenizer tokenizer, PromptTemplate template, LlavaConfig config) {
        this.tokenizer = tokenizer;
        this.template = template;
        this.imageToken = config.imageTokenIndex();
        try {
            long encoded = tokenizer.tokenId(PromptTemplate.IMAGE_PLACEHOLDER);
            if (encoded != imageToken) {
                throw new IllegalArgumentException("the tokenizer encodes " + PromptTemplate.IMAGE_PLACEHOLDER
                        + " as " + encoded + " but the model config's image_token_index is " + imageToken
                        + "; use the tokenizer that belongs to the model");
            }
            this.padId = tokenizer.padId(config.padTokenId() >= 0 ? config.padTokenId() : 0);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** Returns the prompt text of one item before the image tokens are expanded. */
    public final String promptText(String prompt, int imageCount) {
        return template.render(prompt, imageCount);
    }

    /** Preprocesses one image. */
    protected abstract ProcessedImage preprocess(BufferedImage image);

    /** Returns how many image tokens stand for a preprocessed image. */
    protected abstract int imageTokens(ProcessedImage image);

    /** Adds {@code pixel_values} (and any other image input) for every image of the batch, in order. */
    protected abstract void putPixels(Map<String, NDArray> tensors, List<ProcessedImage> images, NDManager manager);

    /**
     * Builds {@code input_ids}, {@code attention_mask} and, when the batch has images, the pixel inputs.
     *
     * @throws IllegalArgumentException when the counts differ or the template's image tokens do not
     *     survive tokenisation
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
        List<ProcessedImage> all = new ArrayList<>();
        for (int item = 0; item < prompts.size(); item++) {
            List<Integer> counts = new ArrayList<>();
            for (BufferedImage image : images.get(item)) {
                ProcessedImage processed = preprocess(image);
                all.add(processed);
                counts.add(imageTokens(processed));
            }
            long[] ids = tokenizer.encode(promptText(prompts.get(item), counts.size()));
            rows.add(expand(ids, counts, item));
        }

        PromptTokenizer.Padded padded = tokenizer.pad(rows, padId, manager);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put(ModelInputs.INPUT_IDS, padded.inputIds());
        tensors.put(ModelInputs.ATTENTION_MASK, padded.attentionMask());
        if (!all.isEmpty()) {
            putPixels(tensors, all, manager);
        }
        return ModelInputs.of(tensors);
    }

    /** Releases the tokenizer; idempotent. */
    @Override
    public final void close() {
        tokenizer.close();
    }

    private long[] expand(long[] ids, List<Integer> counts, int item) {
        int placeholders = 0;
        int total = 0;
        for (long id : ids) {
            if (id == imageToken) {
                placeholders++;
            }
        }
        if (placeholders != counts.size()) {
            throw new IllegalArgumentException("prompt " + item + " encodes to " + placeholders + " image tokens for "
                    + counts.size() + " images; remove " + PromptTemplate.IMAGE_PLACEHOLDER + " from the prompt text");
        }
        for (int count : counts) {
            total += count;
        }
        long[] out = new long[ids.length - placeholders + total];
        int next = 0;
        int image = 0;
        for (long id : ids) {
            int copies = id == imageToken ? counts.get(image++) : 1;
            for (int c = 0; c < copies; c++) {
                out[next++] = id;
            }
        }
        return out;
    }
}
