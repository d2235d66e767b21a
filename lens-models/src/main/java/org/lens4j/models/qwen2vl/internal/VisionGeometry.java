package org.lens4j.models.qwen2vl.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Row bookkeeping of one vision call, derived from {@code image_grid_thw}.
 *
 * <p>The processor emits patches image by image, frame by frame, in merge-window order: each run of
 * {@code merge²} consecutive rows is one {@code merge × merge} square of the patch grid, and the
 * squares follow in raster order. Qwen2.5-VL additionally regroups the squares window by window
 * before the blocks ({@link #windowOrder()}) and restores the raster order after the merger.
 */
final class VisionGeometry {

    private final long[][] grids;
    private final int mergeSize;
    private final int patchCount;
    private final int[][] imageRanges;
    private final int[] frameBounds;

    private VisionGeometry(long[][] grids, int mergeSize) {
        this.grids = grids;
        this.mergeSize = mergeSize;
        this.imageRanges = new int[grids.length][];
        List<Integer> bounds = new ArrayList<>(List.of(0));
        int start = 0;
        for (int i = 0; i < grids.length; i++) {
            int frame = Math.toIntExact(grids[i][1] * grids[i][2]);
            for (long t = 0; t < grids[i][0]; t++) {
                bounds.add(bounds.get(bounds.size() - 1) + frame);
            }
            int end = bounds.get(bounds.size() - 1);
            imageRanges[i] = new int[] {start, end};
            start = end;
        }
        this.patchCount = start;
        this.frameBounds = bounds.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Creates the geometry of the images described by {@code gridThw} ({@code [images][t, h, w]} in
     * patches).
     *
     * @throws IllegalArgumentException when a grid entry is not positive or a side is not a multiple
     *     of {@code mergeSize}
     */
    static VisionGeometry of(long[][] gridThw, int mergeSize) {
        for (int i = 0; i < gridThw.length; i++) {
            long[] g = gridThw[i];
            if (g.length != 3 || g[0] < 1 || g[1] < 1 || g[2] < 1) {
                throw new IllegalArgumentException("image_grid_thw row " + i + " must be three positive sizes [t, h, w],"
                        + " got " + Arrays.toString(g));
            }
            if (g[1] % mergeSize != 0 || g[2] % mergeSize != 0) {
                throw new IllegalArgumentException("image_grid_thw row " + i + " " + Arrays.toString(g)
                        + ": h and w must be multiples of spatial_merge_size " + mergeSize);
            }
        }
        long[][] copy = new long[gridThw.length][];
        for (int i = 0; i < gridThw.length; i++) {
            copy[i] = gridThw[i].clone();
        }
        return new VisionGeometry(copy, mergeSize);
    }

    /** Returns the number of images. */
    int imageCount() {
        return grids.length;
    }

    /** Returns {@code [t, h, w]} of image {@code i}. */
    long[] grid(int i) {
        return grids[i].clone();
    }

    /** Returns the total number of patch rows. */
    int patchCount() {
        return patchCount;
    }

    /** Returns the number of merged tokens of image {@code i}: {@code t · h · w / merge²}. */
    int mergedTokens(int i) {
        return (imageRanges[i][1] - imageRanges[i][0]) / (mergeSize * mergeSize);
    }

    /** Returns {@code [image][start, end)} patch row ranges. */
    int[][] imageRanges() {
        int[][] copy = new int[imageRanges.length][];
        for (int i = 0; i < imageRanges.length; i++) {
            copy[i] = imageRanges[i].clone();
        }
        return copy;
    }

    /** Returns the row bounds of the attention segments of full attention: one per frame of each image. */
    int[] frameBounds() {
        return frameBounds.clone();
    }

    /** Returns the largest grid side over all images, the length of the rotary frequency table. */
    int maxGridSide() {
        long max = 0;
        for (long[] g : grids) {
            max = Math.max(max, Math.max(g[1], g[2]));
        }
        return Math.toIntExact(max);
    }

    /**
     * Returns the {@code (row, column)} patch coordinates of every patch row, in patch order:
     * {@code [patchCount · 2]} as {@code row0, col0, row1, col1, …}.
     */
    long[] patchCoordinates() {
        long[] coords = new long[2 * patchCount];
        int k = 0;
        for (long[] g : grids) {
            for (long t = 0; t < g[0]; t++) {
                for (long blockRow = 0; blockRow < g[1] / mergeSize; blockRow++) {
                    for (long blockCol = 0; blockCol < g[2] / mergeSize; blockCol++) {
                        for (int i = 0; i < mergeSize; i++) {
                            for (int j = 0; j < mergeSize; j++) {
                                coords[k++] = blockRow * mergeSize + i;
                                coords[k++] = blockCol * mergeSize + j;
                            }
                        }
                    }
                }
            }
        }
        return coords;
    }

    /**
     * Returns the window regrouping of Qwen2.5-VL for windows of {@code windowTokens} merged tokens
     * per side.
     *
     * <p>Within each frame the merged-token grid is cut into {@code windowTokens × windowTokens}
     * windows (the last row and column of windows may be smaller); windows follow in raster order
     * and the tokens inside a window too. {@code order[k]} is the merged-token index (in raster
     * order over all images) placed at position {@code k}; {@code bounds} are the patch row bounds
     * of the windows in the regrouped order.
     */
    WindowOrder windowOrder(int windowTokens) {
        int[] order = new int[patchCount / (mergeSize * mergeSize)];
        List<Integer> bounds = new ArrayList<>(List.of(0));
        int unit = mergeSize * mergeSize;
        int k = 0;
        int offset = 0;
        for (long[] g : grids) {
            int rows = Math.toIntExact(g[1] / mergeSize);
            int cols = Math.toIntExact(g[2] / mergeSize);
            for (int t = 0; t < g[0]; t++) {
                int frameOffset = offset + t * rows * cols;
                for (int wr = 0; wr < rows; wr += windowTokens) {
                    for (int wc = 0; wc < cols; wc += windowTokens) {
                        int count = 0;
                        for (int r = wr; r < Math.min(wr + windowTokens, rows); r++) {
                            for (int c = wc; c < Math.min(wc + windowTokens, cols); c++) {
                                order[k++] = frameOffset + r * cols + c;
                                count++;
                            }
                        }
                        bounds.add(bounds.get(bounds.size() - 1) + count * unit);
                    }
                }
            }
            offset += Math.toIntExact(g[0]) * rows * cols;
        }
        return new WindowOrder(order, bounds.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * A window regrouping.
     *
     * @param order merged-token index placed at each position
     * @param bounds patch row bounds of the windows, starting with 0
     */
    record WindowOrder(int[] order, int[] bounds) {

        /** Returns the inverse permutation: the position of each merged token in the regrouped order. */
        int[] inverse() {
            int[] inverse = new int[order.length];
            for (int k = 0; k < order.length; k++) {
                inverse[order[k]] = k;
            }
            return inverse;
        }
    }
}
