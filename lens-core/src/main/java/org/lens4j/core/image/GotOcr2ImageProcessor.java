package org.lens4j.core.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dynamic tiling of InternVL and Aya Vision ({@code GotOcr2ImageProcessor} with
 * {@code crop_to_patches}, transformers 4.50–4.51; InternVL's original {@code dynamic_preprocess}):
 * pick a {@link TileGrid} of {@code min_patches} to {@code max_patches} tiles whose aspect ratio is
 * closest to the image's, resize the image to {@code columns × width} by {@code rows × height}
 * (bicubic), cut it into tiles row by row, and append the whole image resized to one tile (the
 * thumbnail) when there is more than one tile. Each tile is then rescaled and normalised.
 *
 * <p>Output shape {@code [tiles, 3, height, width]}, where {@code tiles} is 1 or the grid's tile
 * count plus 1. Without {@code crop_to_patches}, or with {@code max_patches} 1, the image is resized
 * to one tile with {@code resample}.
 *
 * @implNote As in the reference, the grid is resized and the thumbnail made with bicubic whatever
 *     {@code resample} is set to. {@code resample} only applies when the image is not tiled. The
 *     {@code Fast} variant, which resizes with torchvision, maps to this class, so its values can
 *     differ from the reference's by the resampling. The original InternVL code visits grids with
 *     the same tile count in Python set order; this class visits them by columns, which picks
 *     another grid only when two grids with the same tile count are exactly as close.
 */
public final class GotOcr2ImageProcessor implements ImageProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(GotOcr2ImageProcessor.class);

    private static final float[] IMAGENET_MEAN = {(float) 0.485, (float) 0.456, (float) 0.406};
    private static final float[] IMAGENET_STD = {(float) 0.229, (float) 0.224, (float) 0.225};

    private final ImageSize size;
    private final boolean cropToPatches;
    private final int minPatches;
    private final int maxPatches;
    private final boolean thumbnail;
    private final ResampleFilter resample;
    private final Normalization normalization;

    private GotOcr2ImageProcessor(ImageSize size, boolean cropToPatches, int minPatches, int maxPatches,
            boolean thumbnail, ResampleFilter resample, Normalization normalization) {
        TileGrid.checkBounds(minPatches, maxPatches);
        this.size = size;
        this.cropToPatches = cropToPatches;
        this.minPatches = minPatches;
        this.maxPatches = maxPatches;
        this.thumbnail = thumbnail;
        this.resample = resample;
        this.normalization = normalization;
    }

    /**
     * Returns the defaults of {@code GotOcr2ImageProcessor}: size 384, no tiling, 1 to 12 patches,
     * bicubic, OpenAI mean and std.
     */
    public static GotOcr2ImageProcessor withDefaults() {
        return fromConfig(PreprocessorConfig.fromMap(Map.of()));
    }

    /**
     * Reads {@code size} ({@code {"height", "width"}} or an integer), {@code crop_to_patches},
     * {@code min_patches}, {@code max_patches}, {@code resample} and the normalisation keys; absent
     * keys take the defaults of {@link #withDefaults()}.
     *
     * @throws IllegalArgumentException when a value has the wrong type, {@code do_resize} is false,
     *     or {@code min_patches} is below 1 or above {@code max_patches}
     */
    public static GotOcr2ImageProcessor fromConfig(PreprocessorConfig config) {
        if (!config.getBoolean("do_resize", true)) {
            throw new IllegalArgumentException("do_resize false is not supported: tiles must have the size in"
                    + " 'size'; remove do_resize from the preprocessor config");
        }
        ImageSize size = config.getHeightWidth("size").orElse(new ImageSize(384, 384));
        return new GotOcr2ImageProcessor(size, config.getBoolean("crop_to_patches", false),
                config.getInt("min_patches", 1), config.getInt("max_patches", 12), true,
                config.resample(ResampleFilter.BICUBIC), config.normalization(Normalization.openAiClip()));
    }

    /**
     * Reads {@code preprocessor_config.json} from a model folder.
     *
     * @throws IOException when the file is missing or unreadable
     */
    public static GotOcr2ImageProcessor fromFolder(Path modelFolder) throws IOException {
        return fromConfig(PreprocessorConfig.fromFolder(modelFolder));
    }

    /**
     * Returns the tiling of InternVL's original code ({@code dynamic_preprocess} followed by
     * {@code ToTensor} and {@code Normalize}): square tiles of {@code tileSize}, always tiled,
     * bicubic, ImageNet mean {@code [0.485, 0.456, 0.406]} and std {@code [0.229, 0.224, 0.225]}.
     *
     * @param thumbnail whether to append the thumbnail when there is more than one tile ({@code use_thumbnail})
     * @throws IllegalArgumentException when {@code tileSize} is not positive, or {@code minTiles}
     *     is below 1 or above {@code maxTiles}
     */
    public static GotOcr2ImageProcessor dynamicTiling(int tileSize, int minTiles, int maxTiles, boolean thumbnail) {
        return new GotOcr2ImageProcessor(new ImageSize(tileSize, tileSize), true, minTiles, maxTiles, thumbnail,
                ResampleFilter.BICUBIC, Normalization.of(IMAGENET_MEAN, IMAGENET_STD));
    }

    @Override
    public String processorType() {
        return "GotOcr2ImageProcessor";
    }

    /** Returns whether images are tiled: {@code crop_to_patches} and {@code max_patches > 1}. */
    public boolean tiles() {
        return cropToPatches && maxPatches > 1;
    }

    /** Returns the grid an image of this size is cut into; {@code 1×1} when images are not tiled. */
    public TileGrid grid(int height, int width) {
        return tiles() ? TileGrid.closest(height, width, size, minPatches, maxPatches) : new TileGrid(1, 1);
    }

    /** Returns how many tiles {@link #process} yields for an image of this size, thumbnail included. */
    public int tileCount(int height, int width) {
        int count = grid(height, width).count();
        return count > 1 && thumbnail ? count + 1 : count;
    }

    /**
     * Returns the 8-bit tiles before rescaling: the grid's tiles row by row, then the thumbnail
     * when there is more than one tile.
     */
    public List<RgbImage> tileImages(RgbImage image) {
        if (!tiles()) {
            return List.of(resizeTo(image, size.width(), size.height(), resample));
        }
        TileGrid grid = grid(image.height(), image.width());
        LOG.debug("tiling {}x{} into {} columns and {} rows of {}x{}", image.width(), image.height(), grid.columns(),
                grid.rows(), size.width(), size.height());
        RgbImage canvas = resizeTo(image, grid.columns() * size.width(), grid.rows() * size.height(),
                ResampleFilter.BICUBIC);
        List<RgbImage> out = new ArrayList<>();
        for (int row = 0; row < grid.rows(); row++) {
            for (int column = 0; column < grid.columns(); column++) {
                out.add(ImageOps.crop(canvas, column * size.width(), row * size.height(), size.width(),
                        size.height()));
            }
        }
        if (thumbnail && out.size() > 1) {
            out.add(resizeTo(image, size.width(), size.height(), ResampleFilter.BICUBIC));
        }
        return out;
    }

    /** Preprocesses one image into {@code [tiles, 3, height, width]}. */
    @Override
    public ProcessedImage process(RgbImage image) {
        List<RgbImage> tiles = tileImages(image);
        int plane = 3 * size.height() * size.width();
        float[] values = new float[tiles.size() * plane];
        for (int i = 0; i < tiles.size(); i++) {
            normalization.writeChannelsFirst(tiles.get(i), values, i * plane);
        }
        long[] shape = {tiles.size(), 3, size.height(), size.width()};
        return ProcessedImage.of(values, shape, null, null);
    }

    @Override
    public String toString() {
        return "GotOcr2ImageProcessor[size=" + size.height() + "x" + size.width() + ", crop_to_patches="
                + cropToPatches + ", min_patches=" + minPatches + ", max_patches=" + maxPatches + ", thumbnail="
                + thumbnail + ", resample=" + resample + ", " + normalization + "]";
    }

    // Pillow returns a copy when the size does not change, so the filter is skipped then.
    private static RgbImage resizeTo(RgbImage image, int width, int height, ResampleFilter filter) {
        if (image.width() == width && image.height() == height) {
            return image;
        }
        return ImageOps.resize(image, width, height, filter);
    }
}
