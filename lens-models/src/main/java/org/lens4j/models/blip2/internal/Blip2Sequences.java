package org.lens4j.models.blip2.internal;

import java.util.List;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.capture.TokenType;

/** Lays out the language-model sequence of a BLIP-2 forward pass and describes it. */
final class Blip2Sequences {

    private Blip2Sequences() {
    }

    /**
     * The language-model sequence: its attention mask and which positions carry a query.
     *
     * @param mask {@code [B][L]}
     * @param types the token type of each position, {@code [B][L]}
     * @param batch number of images, one per batch item
     */
    record Layout(long[][] mask, TokenType[][] types, int batch) {

        /** Returns whether position {@code l} of item {@code b} carries a projected query. */
        boolean isQuery(int b, int l) {
            return types[b][l] == TokenType.IMAGE;
        }
    }

    /**
     * Builds the layout: the queries first when the config has no image token, else at the image
     * placeholders of {@code input_ids}.
     *
     * @throws IllegalArgumentException when the placeholders are not {@code num_query_tokens} per item
     */
    static Layout layout(Blip2Inputs inputs, Blip2Config config) {
        long[][] ids = inputs.ids();
        long[][] mask = inputs.mask();
        int queries = config.queryTokens();
        boolean prepend = config.imageToken().isEmpty();
        int offset = prepend ? queries : 0;
        long[][] outMask = new long[ids.length][];
        TokenType[][] types = new TokenType[ids.length][];
        for (int b = 0; b < ids.length; b++) {
            outMask[b] = new long[offset + ids[b].length];
            types[b] = new TokenType[offset + ids[b].length];
            for (int q = 0; q < offset; q++) {
                outMask[b][q] = 1;
                types[b][q] = TokenType.IMAGE;
            }
            int placeholders = 0;
            for (int l = 0; l < ids[b].length; l++) {
                outMask[b][offset + l] = mask[b][l];
                types[b][offset + l] = mask[b][l] == 0 ? TokenType.SPECIAL : typeOf(ids[b][l], config);
                placeholders += types[b][offset + l] == TokenType.IMAGE ? 1 : 0;
            }
            if (!prepend && placeholders != queries) {
                throw new IllegalArgumentException("input_ids row " + b + " contains " + placeholders
                        + " image tokens (id " + config.imageToken().getAsLong() + ") but the model has "
                        + queries + " query tokens; the BLIP-2 processor puts num_query_tokens image tokens"
                        + " before the prompt");
            }
        }
        return new Layout(outMask, types, ids.length);
    }

    /** Returns the sequence description; each item carries one image. */
    static SequenceInfo describe(Layout layout) {
        // Only post_layernorm's second call, on the class tokens [images, width], is a 2-D vision
        // output: row b belongs to image b.
        int[][] ranges = new int[layout.batch()][];
        int[] imagesPerItem = new int[layout.batch()];
        for (int b = 0; b < layout.batch(); b++) {
            ranges[b] = new int[] {b, b + 1};
            imagesPerItem[b] = 1;
        }
        long[][] mask = new long[layout.mask().length][];
        TokenType[][] types = new TokenType[layout.types().length][];
        for (int b = 0; b < mask.length; b++) {
            mask[b] = layout.mask()[b].clone();
            types[b] = layout.types()[b].clone();
        }
        return new SequenceInfo(mask, types, new SequenceInfo.ImageRows(ranges, List.of(), 1),
                imagesPerItem);
    }

    /** Returns IMAGE for the image placeholder, SPECIAL for BOS, EOS and padding ids, TEXT otherwise. */
    static TokenType typeOf(long id, Blip2Config config) {
        if (config.imageToken().isPresent() && id == config.imageToken().getAsLong()) {
            return TokenType.IMAGE;
        }
        Blip2Config.Opt text = config.text();
        if (id == text.bos() || id == text.eos() || id == text.pad()) {
            return TokenType.SPECIAL;
        }
        return TokenType.TEXT;
    }
}
