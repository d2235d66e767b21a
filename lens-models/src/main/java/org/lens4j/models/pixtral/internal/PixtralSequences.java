package org.lens4j.models.pixtral.internal;

import java.util.List;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.capture.TokenType;

/** Describes the language-model sequence of a Pixtral forward pass. */
final class PixtralSequences {

    private PixtralSequences() {
    }

    /**
     * Counts the {@code [IMG]} tokens and checks that they match the images' patches.
     *
     * @throws IllegalArgumentException when they differ
     */
    static void checkImageTokens(PixtralInputs inputs, PixtralConfig config) {
        int tokens = 0;
        for (long[] row : inputs.ids()) {
            for (long id : row) {
                tokens += id == config.imageToken() ? 1 : 0;
            }
        }
        int features = inputs.patchCount() - (config.dropFirstFeature() && inputs.imageCount() > 0 ? 1 : 0);
        if (tokens != features) {
            throw new IllegalArgumentException("input_ids hold " + tokens + " image tokens (id " + config.imageToken()
                    + ") but the images give " + features + " features; each image of h x w patches needs h x w"
                    + " [IMG] tokens, a row break after each row and an end token after the last");
        }
    }

    /**
     * Returns the sequence description. {@code [IMG]} positions are IMAGE. Padding, BOS, EOS and
     * the token right after an {@code [IMG]} run are SPECIAL, because by Pixtral's layout that token
     * is {@code [IMG_BREAK]} or {@code [IMG_END]}, whose ids a transformers config does not record.
     */
    static SequenceInfo describe(PixtralInputs inputs, PixtralConfig config) {
        long[][] ids = inputs.ids();
        long[][] mask = new long[ids.length][];
        TokenType[][] types = new TokenType[ids.length][];
        int[] imagesPerItem = new int[ids.length];
        int nextImage = 0;
        for (int b = 0; b < ids.length; b++) {
            mask[b] = inputs.mask()[b].clone();
            types[b] = new TokenType[ids[b].length];
            int imageTokens = 0;
            for (int l = 0; l < ids[b].length; l++) {
                types[b][l] = typeOf(ids[b], l, mask[b][l], config);
                imageTokens += types[b][l] == TokenType.IMAGE ? 1 : 0;
            }
            while (imageTokens > 0 && nextImage < inputs.imageCount()) {
                int[] grid = inputs.patchGrid()[nextImage++];
                imageTokens -= grid[0] * grid[1];
                imagesPerItem[b]++;
            }
        }
        return new SequenceInfo(mask, types, new SequenceInfo.ImageRows(imageRanges(inputs), List.of(), 1),
                imagesPerItem);
    }

    private static TokenType typeOf(long[] row, int position, long mask, PixtralConfig config) {
        long id = row[position];
        if (mask == 0) {
            return TokenType.SPECIAL;
        }
        if (id == config.imageToken()) {
            return TokenType.IMAGE;
        }
        boolean closesImageRow = position > 0 && row[position - 1] == config.imageToken();
        if (closesImageRow || id == config.text().bos() || id == config.text().eos()) {
            return TokenType.SPECIAL;
        }
        return TokenType.TEXT;
    }

    /** Returns each image's row range in the packed vision sequence. */
    private static int[][] imageRanges(PixtralInputs inputs) {
        int[][] ranges = new int[inputs.imageCount()][];
        int start = 0;
        for (int i = 0; i < ranges.length; i++) {
            int[] grid = inputs.patchGrid()[i];
            ranges[i] = new int[] {start, start + grid[0] * grid[1]};
            start += grid[0] * grid[1];
        }
        return ranges;
    }
}
