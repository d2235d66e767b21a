package org.lens4j.models.qwen2vl.internal;

import java.util.Arrays;

/**
 * The three-coordinate positions of the decoder sequence ({@code get_rope_index} of transformers).
 *
 * <p>Only real tokens (attention mask 1) get positions; they are numbered as if the padding were
 * absent. Text tokens get the same value on all three coordinates, counting up. The
 * {@code t · h · w / merge²} placeholders of an image get {@code (t, h, w)} in the merged grid,
 * offset by the position where the image starts; the text after an image continues from the
 * largest position used so far plus one. Padding positions get 1, as in the reference.
 */
final class RopeIndex {

    private final QwenVLConfig config;

    RopeIndex(QwenVLConfig config) {
        this.config = config;
    }

    /**
     * The positions of a batch and how many images each row consumed.
     *
     * @param positions {@code [3][B][L]}
     * @param imagesPerRow images placed in each row, in order
     */
    record Result(long[][][] positions, int[] imagesPerRow) {
    }

    /**
     * Computes the positions.
     *
     * @param ids {@code [B][L]} token ids
     * @param mask {@code [B][L]} attention mask
     * @param geometry the images of the call (in order of appearance), or {@code null} for none
     * @throws IllegalArgumentException when the image placeholders do not match the images
     */
    Result compute(long[][] ids, long[][] mask, VisionGeometry geometry) {
        int batch = ids.length;
        int length = batch == 0 ? 0 : ids[0].length;
        long[][][] positions = new long[3][batch][length];
        int[] imagesPerRow = new int[batch];
        int nextImage = 0;
        for (int b = 0; b < batch; b++) {
            long[] tokens = realTokens(ids[b], mask[b]);
            long[][] rowPositions = new long[3][tokens.length];
            imagesPerRow[b] = placeRow(tokens, rowPositions, geometry, nextImage, b);
            nextImage += imagesPerRow[b];
            scatterRow(positions, b, mask[b], rowPositions);
        }
        int available = geometry == null ? 0 : geometry.imageCount();
        if (nextImage != available) {
            throw new IllegalArgumentException("input_ids place " + nextImage + " images but image_grid_thw describes "
                    + available + "; each image needs <|vision_start|> followed by its image tokens");
        }
        return new Result(positions, imagesPerRow);
    }

    /** Fills the positions of one row's real tokens; returns how many images the row holds. */
    private int placeRow(long[] tokens, long[][] out, VisionGeometry geometry, int firstImage, int row) {
        QwenVLConfig.TokenIds ids = config.tokens();
        int images = 0;
        int start = 0;
        long next = 0;
        while (true) {
            int imageStart = nextImageStart(tokens, start, row);
            if (imageStart < 0) {
                break;
            }
            int image = firstImage + images;
            if (geometry == null || image >= geometry.imageCount()) {
                throw new IllegalArgumentException("row " + row + " has more images than image_grid_thw describes ("
                        + (geometry == null ? 0 : geometry.imageCount()) + ")");
            }
            next = placeText(out, start, imageStart, next);
            long[] grid = geometry.grid(image);
            int merge = config.vision().mergeSize();
            long gridT = grid[0];
            long gridH = grid[1] / merge;
            long gridW = grid[2] / merge;
            // Qwen2.5-VL scales the temporal index by seconds per frame, which is 0 for images.
            long temporalStep = config.variant() == QwenVLConfig.Variant.QWEN2_5_VL ? 0 : 1;
            int k = imageStart;
            long largest = next;
            for (long t = 0; t < gridT; t++) {
                for (long h = 0; h < gridH; h++) {
                    for (long w = 0; w < gridW; w++) {
                        requireImageToken(tokens, k, row, ids.image());
                        out[0][k] = next + t * temporalStep;
                        out[1][k] = next + h;
                        out[2][k] = next + w;
                        largest = Math.max(largest, Math.max(out[0][k], Math.max(out[1][k], out[2][k])));
                        k++;
                    }
                }
            }
            next = largest + 1;
            start = k;
            images++;
        }
        placeText(out, start, tokens.length, next);
        return images;
    }

    /**
     * Returns the index of the first image token at or after {@code from} that belongs to an image
     * opened by {@code <|vision_start|>}, or -1.
     */
    private int nextImageStart(long[] tokens, int from, int row) {
        QwenVLConfig.TokenIds ids = config.tokens();
        for (int i = Math.max(from - 1, 0); i + 1 < tokens.length; i++) {
            if (tokens[i] == ids.visionStart()) {
                if (tokens[i + 1] == ids.image()) {
                    return i + 1;
                }
                if (tokens[i + 1] == ids.video()) {
                    throw new IllegalArgumentException("row " + row + " contains a video (token " + ids.video()
                            + " after <|vision_start|>); video inputs are not supported");
                }
            }
        }
        return -1;
    }

    private static long placeText(long[][] out, int from, int to, long next) {
        long position = next;
        for (int i = from; i < to; i++) {
            out[0][i] = position;
            out[1][i] = position;
            out[2][i] = position;
            position++;
        }
        return position;
    }

    private static void requireImageToken(long[] tokens, int index, int row, long imageToken) {
        if (index >= tokens.length || tokens[index] != imageToken) {
            throw new IllegalArgumentException("row " + row + ": expected image token " + imageToken + " at real-token "
                    + "index " + index + " but found " + (index < tokens.length ? tokens[index] : "the end")
                    + "; the number of image tokens must equal t·h·w/merge² of the image");
        }
    }

    private static long[] realTokens(long[] ids, long[] mask) {
        return java.util.stream.IntStream.range(0, ids.length).filter(i -> mask[i] == 1).mapToLong(i -> ids[i])
                .toArray();
    }

    private static void scatterRow(long[][][] positions, int row, long[] mask, long[][] rowPositions) {
        for (long[][] axis : positions) {
            Arrays.fill(axis[row], 1);
        }
        int k = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == 1) {
                for (int a = 0; a < 3; a++) {
                    positions[a][row][i] = rowPositions[a][k];
                }
                k++;
            }
        }
    }
}
