package org.lens4j.core.image;

/**
 * A grid of equal tiles, {@code columns} wide and {@code rows} high, and the rule that InternVL and
 * GOT-OCR 2 (also Aya Vision) use to pick one for an image.
 *
 * @param columns tiles across, at least 1
 * @param rows tiles down, at least 1
 */
public record TileGrid(int columns, int rows) {

    /**
     * Validates the grid.
     *
     * @throws IllegalArgumentException when a side is below 1
     */
    public TileGrid {
        if (columns < 1 || rows < 1) {
            throw new IllegalArgumentException("a tile grid needs at least 1 column and 1 row, got " + columns + "x"
                    + rows);
        }
    }

    /** Returns the number of tiles, {@code columns × rows}. */
    public int count() {
        return columns * rows;
    }

    /**
     * Picks the grid whose aspect ratio {@code columns / rows} is closest to the image's
     * {@code width / height}, among the grids with {@code minTiles ≤ columns × rows ≤ maxTiles}.
     *
     * <p>Candidates are visited by tile count, and within one count by columns then rows. A later
     * candidate exactly as close as the best so far replaces it only when the image area is more
     * than half the area of the candidate's tiles. So a small image does not get more tiles than
     * it fills.
     *
     * @param height image rows
     * @param width image columns
     * @param tile the size of one tile
     * @throws IllegalArgumentException when a size is not positive or {@code minTiles} is below 1
     *     or above {@code maxTiles}
     */
    public static TileGrid closest(int height, int width, ImageSize tile, int minTiles, int maxTiles) {
        RgbImage.checkSize(width, height);
        checkBounds(minTiles, maxTiles);
        double aspectRatio = (double) width / height;
        double area = (double) width * height;
        double tileArea = (double) tile.height() * tile.width();
        TileGrid best = new TileGrid(1, 1);
        double bestDifference = Double.POSITIVE_INFINITY;
        for (int count = minTiles; count <= maxTiles; count++) {
            for (int columns = 1; columns <= count; columns++) {
                if (count % columns != 0) {
                    continue;
                }
                int rows = count / columns;
                double difference = Math.abs(aspectRatio - (double) columns / rows);
                if (difference < bestDifference) {
                    bestDifference = difference;
                    best = new TileGrid(columns, rows);
                } else if (difference == bestDifference && area > 0.5 * tileArea * count) {
                    best = new TileGrid(columns, rows);
                }
            }
        }
        return best;
    }

    /**
     * Checks tile-count bounds.
     *
     * @throws IllegalArgumentException when {@code minTiles} is below 1 or above {@code maxTiles}
     */
    static void checkBounds(int minTiles, int maxTiles) {
        if (minTiles < 1 || minTiles > maxTiles) {
            throw new IllegalArgumentException("need 1 <= min_patches <= max_patches, got min_patches=" + minTiles
                    + ", max_patches=" + maxTiles + "; lower min_patches or raise max_patches");
        }
    }
}
