package org.lens4j.core.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LLaVA-NeXT's AnyRes image preprocessing ({@code LlavaNextImageProcessor}, transformers 4.47–4.49):
 * pick the best resolution from {@code image_grid_pinpoints}, resize into it keeping the aspect
 * ratio, pad to it with black, cut it into {@code crop_size} tiles, and put the whole image
 * squashed to {@code shortest_edge²} first. Every tile then goes through CLIP's pipeline (shortest
 * edge resize, center crop, rescale, normalise).
 *
 * <p>Output shape {@code [1 + tiles, 3, crop_height, crop_width]}; {@link
 * ProcessedImage#imageSize()} is the original size, as {@code image_sizes} stores it.
 *
 * @implNote As in the reference, padding is {@code (target - resized) // 2} on both sides, so when
 *     the difference is odd the padded image is one pixel short of the target; the last tile row or
 *     column is then one pixel narrower and the CLIP pipeline stretches it back to full size.
 *     Padding several images to a common tile count ({@code do_pad}) is left to the caller.
 */
public final class LlavaNextImageProcessor implements ImageProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(LlavaNextImageProcessor.class);

    private final int baseSize;
    private final ImageSize cropSize;
    private final List<ImageSize> pinpoints;
    private final ResampleFilter resample;
    private final Normalization normalization;
    private final ResizeCropPipeline tilePipeline;

    private LlavaNextImageProcessor(Map<String, Integer> size, ImageSize cropSize, List<ImageSize> pinpoints,
            boolean doResize, boolean doCenterCrop, ResampleFilter resample, Normalization normalization) {
        if (pinpoints.isEmpty()) {
            throw new IllegalArgumentException("image_grid_pinpoints must list at least one [height, width]");
        }
        this.baseSize = size.containsKey("shortest_edge") ? size.get("shortest_edge")
                : Math.min(size.getOrDefault("height", 0), size.getOrDefault("width", 0));
        this.cropSize = cropSize;
        this.pinpoints = List.copyOf(pinpoints);
        this.resample = resample;
        this.normalization = normalization;
        this.tilePipeline = new ResizeCropPipeline(doResize, size, doCenterCrop ? cropSize : null, resample,
                normalization);
    }

    /**
     * Returns the defaults of transformers 4.49: shortest edge 224, crop 224, pinpoints
     * {@code [[336, 672], [672, 336], [672, 672], [1008, 336], [336, 1008]]}, bicubic, OpenAI mean
     * and std.
     */
    public static LlavaNextImageProcessor withDefaults() {
        return fromConfig(PreprocessorConfig.fromMap(Map.of()));
    }

    /**
     * Reads {@code size}, {@code crop_size}, {@code image_grid_pinpoints} (pairs {@code [height,
     * width]}), {@code do_resize}, {@code do_center_crop}, {@code resample} and the normalisation
     * keys; absent keys take the defaults.
     *
     * @throws IllegalArgumentException when a value has the wrong type or form
     */
    public static LlavaNextImageProcessor fromConfig(PreprocessorConfig config) {
        Map<String, Integer> size = config.getSize("size", false).orElse(Map.of("shortest_edge", 224));
        ImageSize crop = config.getHeightWidth("crop_size").orElse(new ImageSize(224, 224));
        List<ImageSize> pinpoints = new ArrayList<>();
        List<int[]> pairs = config.getIntPairs("image_grid_pinpoints").orElse(List.of(
                new int[] {336, 672}, new int[] {672, 336}, new int[] {672, 672}, new int[] {1008, 336},
                new int[] {336, 1008}));
        for (int[] pair : pairs) {
            pinpoints.add(new ImageSize(pair[0], pair[1]));
        }
        return new LlavaNextImageProcessor(size, crop, pinpoints, config.getBoolean("do_resize", true),
                config.getBoolean("do_center_crop", true), config.resample(ResampleFilter.BICUBIC),
                config.normalization(Normalization.openAiClip()));
    }

    /**
     * Reads {@code preprocessor_config.json} from a model folder.
     *
     * @throws IOException when the file is missing or unreadable
     */
    public static LlavaNextImageProcessor fromFolder(Path modelFolder) throws IOException {
        return fromConfig(PreprocessorConfig.fromFolder(modelFolder));
    }

    @Override
    public String processorType() {
        return "LlavaNextImageProcessor";
    }

    /**
     * Selects the pinpoint that keeps the most of the image's pixels when the image is scaled to
     * fit inside it ({@code min(int(w * s) * int(h * s), w * h)} with {@code s} the fitting scale),
     * breaking ties by the least wasted area, then by list order.
     */
    public ImageSize selectBestResolution(int height, int width) {
        ImageSize best = null;
        long maxEffective = 0;
        long minWasted = Long.MAX_VALUE;
        for (ImageSize candidate : pinpoints) {
            double scale = Math.min((double) candidate.width() / width, (double) candidate.height() / height);
            long scaledWidth = (long) (width * scale);
            long scaledHeight = (long) (height * scale);
            long effective = Math.min(scaledWidth * scaledHeight, (long) width * height);
            long wasted = (long) candidate.width() * candidate.height() - effective;
            if (effective > maxEffective || (effective == maxEffective && wasted < minWasted)) {
                maxEffective = effective;
                minWasted = wasted;
                best = candidate;
            }
        }
        return best;
    }

    /**
     * Returns the size the image is resized to inside {@code target}: the side with the smaller
     * scale fills the target, the other is {@code min(ceil(side * scale), target side)}.
     */
    public static ImageSize fitInside(int height, int width, ImageSize target) {
        double scaleWidth = (double) target.width() / width;
        double scaleHeight = (double) target.height() / height;
        if (scaleWidth < scaleHeight) {
            int newHeight = (int) Math.min(Math.ceil(height * scaleWidth), target.height());
            return new ImageSize(newHeight, target.width());
        }
        int newWidth = (int) Math.min(Math.ceil(width * scaleHeight), target.width());
        return new ImageSize(target.height(), newWidth);
    }

    /**
     * Returns the 8-bit images before the CLIP pipeline: the whole image squashed to
     * {@code shortest_edge × shortest_edge}, then the tiles of the padded best resolution,
     * row-major.
     */
    public List<RgbImage> tiles(RgbImage image) {
        ImageSize best = selectBestResolution(image.height(), image.width());
        ImageSize fitted = fitInside(image.height(), image.width(), best);
        LOG.debug("AnyRes {}x{}: best resolution {}x{}, resized to {}x{}", image.width(), image.height(),
                best.width(), best.height(), fitted.width(), fitted.height());
        RgbImage resized = ImageOps.resize(image, fitted.width(), fitted.height(), resample);
        int padY = (best.height() - fitted.height()) / 2;
        int padX = (best.width() - fitted.width()) / 2;
        RgbImage padded = ImageOps.pad(resized, padY, padY, padX, padX, new int[] {0, 0, 0});

        List<RgbImage> tiles = new ArrayList<>();
        tiles.add(ImageOps.resize(image, baseSize, baseSize, resample));
        int tile = cropSize.height();
        for (int top = 0; top < padded.height(); top += tile) {
            for (int left = 0; left < padded.width(); left += tile) {
                int height = Math.min(tile, padded.height() - top);
                int width = Math.min(tile, padded.width() - left);
                tiles.add(ImageOps.crop(padded, left, top, width, height));
            }
        }
        return tiles;
    }

    /**
     * Preprocesses one image into {@code [1 + tiles, 3, crop_height, crop_width]} with
     * {@code image_sizes = [original height, original width]}.
     */
    @Override
    public ProcessedImage process(RgbImage image) {
        List<RgbImage> prepared = new ArrayList<>();
        for (RgbImage tile : tiles(image)) {
            prepared.add(tilePipeline.prepare(tile));
        }
        RgbImage first = prepared.get(0);
        int plane = 3 * first.height() * first.width();
        float[] values = new float[prepared.size() * plane];
        for (int i = 0; i < prepared.size(); i++) {
            RgbImage tile = prepared.get(i);
            if (tile.height() != first.height() || tile.width() != first.width()) {
                throw new IllegalArgumentException("tile " + i + " is " + tile.width() + "x" + tile.height()
                        + " but the first is " + first.width() + "x" + first.height()
                        + "; enable do_center_crop or use a crop_size equal to the tile size");
            }
            normalization.writeChannelsFirst(tile, values, i * plane);
        }
        long[] shape = {prepared.size(), 3, first.height(), first.width()};
        return ProcessedImage.of(values, shape, null, ImageSize.of(image));
    }

    @Override
    public String toString() {
        return "LlavaNextImageProcessor[base=" + baseSize + ", crop_size=" + cropSize.height() + "x" + cropSize.width()
                + ", pinpoints=" + pinpoints + ", " + tilePipeline + "]";
    }
}
