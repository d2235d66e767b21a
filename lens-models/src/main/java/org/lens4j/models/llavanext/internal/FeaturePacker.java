package org.lens4j.models.llavanext.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.blocks.internal.WeightLoader.Init;
import org.lens4j.models.llavanext.AnyResolution;
import org.lens4j.models.llavanext.LlavaNextConfig;

/**
 * Packs the tile features of one image into the sequence LLaVA-NeXT feeds the language model: the
 * base tile's features, then the grid tiles reassembled into one feature map, cropped to the
 * image's aspect ratio, with {@code image_newline} appended to every row.
 *
 * <pre>
 * n tiles (base first)   g patches per tile side   T = g²   D text hidden
 * </pre>
 */
final class FeaturePacker {

    private final LlavaNextConfig config;
    private final NDArray newlineColumn;
    private final NDArray newlineRow;

    private FeaturePacker(LlavaNextConfig config, NDArray newline) {
        this.config = config;
        long hidden = newline.getShape().get(0);
        this.newlineColumn = newline.reshape(hidden, 1, 1);
        this.newlineRow = newline.reshape(1, hidden);
    }

    static FeaturePacker load(WeightLoader weights, LlavaNextConfig config) {
        NDArray newline = weights.load("image_newline", Init.NORMAL, config.llava().text().hiddenSize());
        return new FeaturePacker(config, newline);
    }

    /**
     * Packs {@code features [n, T, D]} of an image of {@code height × width} pixels.
     *
     * @return {@code [T + H'·(W' + 1), D]} for a tiled image, {@code [T + 1, D]} for a single tile
     * @throws IllegalArgumentException when the tile count does not match the image's grid
     */
    NDArray pack(NDArray features, int height, int width) {
        Shape shape = features.getShape();
        long tiles = shape.get(0);
        long hidden = shape.get(2);
        NDArray base = features.get(new NDIndex("0")); // [T, D]
        if (tiles == 1) {
            NDArray newline = base.get(new NDIndex("0:1")).zerosLike().add(newlineRow); // [1, D]
            return NDArrays.concat(new NDList(base, newline), 0); // [T + 1, D]
        }

        int side = config.llava().vision().patchesPerSide();
        int[] grid = AnyResolution.gridShape(height, width, config.imageGridPinpoints(),
                config.llava().vision().imageSize());
        if ((long) grid[0] * grid[1] != tiles - 1) {
            throw new IllegalArgumentException("an image of " + height + "x" + width + " has a " + grid[0] + "x"
                    + grid[1] + " tile grid but pixel_values give it " + (tiles - 1)
                    + " grid tiles; check image_sizes and image_grid_pinpoints");
        }
        NDArray map = features.get(new NDIndex("1:")) // [rows·cols, T, D]
                .reshape(grid[0], grid[1], side, side, hidden)
                .transpose(4, 0, 2, 1, 3)
                .reshape(hidden, (long) grid[0] * side, (long) grid[1] * side); // [D, rows·g, cols·g]
        int[] region = AnyResolution.unpaddedRegion(grid[0] * side, grid[1] * side, height, width);
        NDArray cropped = map.get(new NDIndex(":, " + region[0] + ":" + region[1] + ", "
                + region[2] + ":" + region[3])); // [D, H', W']
        NDArray newline = cropped.get(new NDIndex(":, :, 0:1")).zerosLike().add(newlineColumn); // [D, H', 1]
        NDArray withNewlines = NDArrays.concat(new NDList(cropped, newline), 2); // [D, H', W' + 1]
        Shape packed = withNewlines.getShape();
        NDArray rows = withNewlines.reshape(hidden, packed.get(1) * packed.get(2)).transpose(); // [H'(W'+1), D]
        return NDArrays.concat(new NDList(base, rows), 0);
    }
}
