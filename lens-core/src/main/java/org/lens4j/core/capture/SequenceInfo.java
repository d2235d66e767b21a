package org.lens4j.core.capture;

import java.util.List;
import java.util.Objects;

/**
 * What a forward pass reports about its inputs so captures can be pooled and described.
 *
 * <p>All arrays are copies owned by this record's holder; {@link #attentionMask()} and
 * {@link #tokenTypes()} describe the language-model sequence as it ran (after any prepended query
 * tokens), {@code [batch][seq]}.
 *
 * @param attentionMask 1 for real tokens, 0 for padding, {@code [batch][seq]}
 * @param tokenTypes the {@link TokenType} of each position, {@code [batch][seq]}
 * @param imageRows for 2-D vision outputs {@code [all patches, hidden]}: the row range of each image
 *     in the order the model concatenated them, for each named vision module that differs from the
 *     default (the patch-embedding order); see {@link ImageRows}
 * @param imagesPerItem how many images each batch item carries, in order
 */
public record SequenceInfo(
        long[][] attentionMask, TokenType[][] tokenTypes, ImageRows imageRows, int[] imagesPerItem) {

    /** Validates the components and checks that the mask and token types have the same shape. */
    public SequenceInfo {
        Objects.requireNonNull(attentionMask, "attentionMask");
        Objects.requireNonNull(tokenTypes, "tokenTypes");
        Objects.requireNonNull(imageRows, "imageRows");
        Objects.requireNonNull(imagesPerItem, "imagesPerItem");
        if (attentionMask.length != tokenTypes.length) {
            throw new IllegalArgumentException("attention mask has " + attentionMask.length
                    + " rows but token types have " + tokenTypes.length);
        }
    }

    /** Returns the batch size. */
    public int batchSize() {
        return attentionMask.length;
    }

    /**
     * Per-image row ranges of 2-D vision outputs.
     *
     * @param defaultRanges {@code [image][2]} = {start, end} (end exclusive) in patch-embedding order
     * @param scaledModules modules whose rows are merged tokens (for example the Qwen2-VL merger
     *     output); their ranges are the default ranges divided by {@code mergeFactor}
     * @param mergeFactor rows of the default layout per row of a scaled module (1 when unused)
     */
    public record ImageRows(int[][] defaultRanges, List<String> scaledModules, int mergeFactor) {

        /** No 2-D vision outputs. */
        public static final ImageRows NONE = new ImageRows(new int[0][], List.of(), 1);

        /** Validates the components. */
        public ImageRows {
            Objects.requireNonNull(defaultRanges, "defaultRanges");
            scaledModules = List.copyOf(scaledModules);
            if (mergeFactor < 1) {
                throw new IllegalArgumentException("mergeFactor must be >= 1, got " + mergeFactor);
            }
        }

        /** Returns the {start, end} row range of each image for {@code module}. */
        public int[][] rangesFor(String module) {
            int factor = scaledModules.contains(module) ? mergeFactor : 1;
            int[][] out = new int[defaultRanges.length][];
            for (int i = 0; i < defaultRanges.length; i++) {
                out[i] = new int[] {defaultRanges[i][0] / factor, defaultRanges[i][1] / factor};
            }
            return out;
        }
    }
}
