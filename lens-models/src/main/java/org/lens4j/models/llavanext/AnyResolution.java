package org.lens4j.models.llavanext;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * The AnyRes geometry of LLaVA-NeXT, as transformers 4.47 computes it: the best grid resolution
 * for an image, how many tiles it gives, and which part of the tiled feature grid is padding.
 *
 * <p>Sizes are {@code (height, width)} in pixels; grid pinpoints are {@code [height, width]} pairs.
 */
public final class AnyResolution {

    private AnyResolution() {
    }

    /**
     * Chooses the pinpoint resolution that keeps most of the image's pixels after an
     * aspect-preserving downscale, breaking ties by the fewest wasted pixels (the first such
     * pinpoint wins).
     *
     * @return {@code {height, width}} of the chosen pinpoint
     * @throws IllegalArgumentException when the size is not positive or there are no pinpoints
     */
    public static int[] selectBestResolution(int height, int width, int[][] pinpoints) {
        checkSize(height, width);
        if (pinpoints.length == 0) {
            throw new IllegalArgumentException("image_grid_pinpoints is empty; give at least one [height, width]");
        }
        int[] best = null;
        long maxEffective = 0;
        long minWasted = Long.MAX_VALUE;
        for (int[] pinpoint : pinpoints) {
            double scale = Math.min((double) pinpoint[1] / width, (double) pinpoint[0] / height);
            long downscaledWidth = (long) (width * scale);
            long downscaledHeight = (long) (height * scale);
            long effective = Math.min(downscaledWidth * downscaledHeight, (long) width * height);
            long wasted = (long) pinpoint[0] * pinpoint[1] - effective;
            if (effective > maxEffective || (effective == maxEffective && wasted < minWasted)) {
                maxEffective = effective;
                minWasted = wasted;
                best = pinpoint;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no pinpoint in " + Arrays.deepToString(pinpoints)
                    + " keeps any pixel of a " + height + "x" + width + " image");
        }
        return best.clone();
    }

    /**
     * Returns the tile grid {@code {rows, columns}} of an image: the best resolution divided by the
     * tile side (rounded down).
     */
    public static int[] gridShape(int height, int width, int[][] pinpoints, int tileSide) {
        int[] best = selectBestResolution(height, width, pinpoints);
        return new int[] {best[0] / tileSide, best[1] / tileSide};
    }

    /**
     * Returns the number of tiles the processor makes for an image: the grid tiles (rounded up) plus
     * the base image resized to one tile.
     */
    public static int tileCount(int height, int width, int[][] pinpoints, int tileSide) {
        int[] best = selectBestResolution(height, width, pinpoints);
        int rows = (best[0] + tileSide - 1) / tileSide;
        int columns = (best[1] + tileSide - 1) / tileSide;
        return rows * columns + 1;
    }

    /**
     * Returns the region {@code {top, bottom, left, right}} (end exclusive) of a
     * {@code currentHeight × currentWidth} feature grid that holds the image rather than the
     * padding added to fit its aspect ratio; {@code round(·, 7)} guards against float error in the
     * scaled side.
     */
    public static int[] unpaddedRegion(int currentHeight, int currentWidth, int originalHeight, int originalWidth) {
        checkSize(originalHeight, originalWidth);
        double originalAspect = (double) originalWidth / originalHeight;
        double currentAspect = (double) currentWidth / currentHeight;
        if (originalAspect > currentAspect) {
            double scale = (double) currentWidth / originalWidth;
            int newHeight = roundTo7(originalHeight * scale);
            int padding = Math.floorDiv(currentHeight - newHeight, 2);
            return new int[] {padding, currentHeight - padding, 0, currentWidth};
        }
        double scale = (double) currentHeight / originalHeight;
        int newWidth = roundTo7(originalWidth * scale);
        int padding = Math.floorDiv(currentWidth - newWidth, 2);
        return new int[] {0, currentHeight, padding, currentWidth - padding};
    }

    /** Python's {@code int(round(x, 7))}: round half to even at 7 decimals, then truncate. */
    private static int roundTo7(double value) {
        return new BigDecimal(value).setScale(7, RoundingMode.HALF_EVEN).intValue();
    }

    private static void checkSize(int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got height " + height
                    + " and width " + width);
        }
    }
}
