package org.lens4j.core.image;

import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Qwen2-VL's image preprocessing ({@code Qwen2VLImageProcessor}, transformers 4.47–4.51):
 * {@code smart_resize} to multiples of {@code patch_size * merge_size}, bicubic resize, rescale,
 * normalise, repeat the still image to {@code temporal_patch_size} frames and flatten into patches.
 *
 * <p>Output shape {@code [grid_t * grid_h * grid_w, 3 * temporal_patch_size * patch_size²]}
 * ({@code [patches, 1176]} with the defaults). Rows run in merge-window order: for each window of
 * {@code merge_size × merge_size} patches (windows row-major), the patches of that window
 * row-major. Columns run over (channel, frame, row in patch, column in patch). {@link
 * ProcessedImage#gridThw()} is {@code [1, height / 14, width / 14]}.
 *
 * <pre>{@code
 * Qwen2VlImageProcessor processor = Qwen2VlImageProcessor.fromFolder(Path.of("Qwen2-VL-2B-Instruct"));
 * ProcessedImage out = processor.process(image);   // out.gridThw() -> [1, 24, 36] for 333x517
 * }</pre>
 *
 * @implNote Where the reference differs, this class chooses the following, and the tests pin it:
 *     <ul>
 *       <li>A side shorter than {@code factor} (28 px): the reference raises "must be larger than
 *           factor"; here each rounded side is at least one factor, so a 10×10 image is scaled up
 *           to {@code min_pixels} (56×56 with the defaults) like any other small image.</li>
 *       <li>A side that {@code max_pixels} scaling would floor to 0 (for example 639×31 with
 *           {@code max_pixels} 15680) is kept at one factor (560×28), so the result may exceed
 *           {@code max_pixels} by less than one factor strip.</li>
 *     </ul>
 *     Only still images are handled ({@code grid_t = 1}); video frames are not.
 */
public final class Qwen2VlImageProcessor implements ImageProcessor {

    /** The reference's limit on {@code max(height, width) / min(height, width)}. */
    public static final double MAX_ASPECT_RATIO = 200.0;

    private static final Logger LOG = LoggerFactory.getLogger(Qwen2VlImageProcessor.class);

    private static final int DEFAULT_MIN_PIXELS = 56 * 56;
    private static final int DEFAULT_MAX_PIXELS = 28 * 28 * 1280;

    private final int minPixels;
    private final int maxPixels;
    private final int patchSize;
    private final int temporalPatchSize;
    private final int mergeSize;
    private final boolean doResize;
    private final ResampleFilter resample;
    private final Normalization normalization;

    private Qwen2VlImageProcessor(int minPixels, int maxPixels, int patchSize, int temporalPatchSize,
            int mergeSize, boolean doResize, ResampleFilter resample, Normalization normalization) {
        checkPositive("patch_size", patchSize);
        checkPositive("temporal_patch_size", temporalPatchSize);
        checkPositive("merge_size", mergeSize);
        checkPositive("min_pixels", minPixels);
        checkPositive("max_pixels", maxPixels);
        if (minPixels > maxPixels) {
            throw new IllegalArgumentException("min_pixels (" + minPixels + ") must not exceed max_pixels ("
                    + maxPixels + "); fix preprocessor_config.json");
        }
        this.minPixels = minPixels;
        this.maxPixels = maxPixels;
        this.patchSize = patchSize;
        this.temporalPatchSize = temporalPatchSize;
        this.mergeSize = mergeSize;
        this.doResize = doResize;
        this.resample = resample;
        this.normalization = normalization;
    }

    /**
     * Returns the class defaults of transformers 4.49: {@code min_pixels} 3136, {@code max_pixels}
     * 1003520, patch 14, 2 frames, merge 2, bicubic, OpenAI CLIP mean and std.
     */
    public static Qwen2VlImageProcessor withDefaults() {
        return new Qwen2VlImageProcessor(DEFAULT_MIN_PIXELS, DEFAULT_MAX_PIXELS, 14, 2, 2, true,
                ResampleFilter.BICUBIC, Normalization.openAiClip());
    }

    /**
     * Reads the settings of a {@code preprocessor_config.json}: {@code min_pixels} and {@code
     * max_pixels} (or else {@code size.shortest_edge} and {@code size.longest_edge}), {@code
     * patch_size}, {@code temporal_patch_size}, {@code merge_size}, {@code do_resize}, {@code
     * resample} and the normalisation keys; absent keys take the defaults of {@link #withDefaults()}.
     *
     * @throws IllegalArgumentException when a value has the wrong type or {@code min_pixels >
     *     max_pixels}
     */
    public static Qwen2VlImageProcessor fromConfig(PreprocessorConfig config) {
        Qwen2VlImageProcessor defaults = withDefaults();
        int minPixels = config.getSize("size").map(s -> s.get("shortest_edge")).orElse(defaults.minPixels);
        int maxPixels = config.getSize("size").map(s -> s.get("longest_edge")).orElse(defaults.maxPixels);
        return new Qwen2VlImageProcessor(
                config.getInt("min_pixels", minPixels),
                config.getInt("max_pixels", maxPixels),
                config.getInt("patch_size", defaults.patchSize),
                config.getInt("temporal_patch_size", defaults.temporalPatchSize),
                config.getInt("merge_size", defaults.mergeSize),
                config.getBoolean("do_resize", true),
                config.resample(defaults.resample),
                config.normalization(defaults.normalization));
    }

    /**
     * Reads {@code preprocessor_config.json} from a model folder.
     *
     * @throws IOException when the file is missing or unreadable
     */
    public static Qwen2VlImageProcessor fromFolder(Path modelFolder) throws IOException {
        return fromConfig(PreprocessorConfig.fromFolder(modelFolder));
    }

    /**
     * Returns a copy with another {@code min_pixels}.
     *
     * @throws IllegalArgumentException when it is not positive or exceeds {@code max_pixels}
     */
    public Qwen2VlImageProcessor withMinPixels(int pixels) {
        return new Qwen2VlImageProcessor(pixels, maxPixels, patchSize, temporalPatchSize, mergeSize, doResize,
                resample, normalization);
    }

    /**
     * Returns a copy with another {@code max_pixels}.
     *
     * @throws IllegalArgumentException when it is not positive or below {@code min_pixels}
     */
    public Qwen2VlImageProcessor withMaxPixels(int pixels) {
        return new Qwen2VlImageProcessor(minPixels, pixels, patchSize, temporalPatchSize, mergeSize, doResize,
                resample, normalization);
    }

    @Override
    public String processorType() {
        return "Qwen2VLImageProcessor";
    }

    /** Returns {@code min_pixels}. */
    public int minPixels() {
        return minPixels;
    }

    /** Returns {@code max_pixels}. */
    public int maxPixels() {
        return maxPixels;
    }

    /** Returns the side unit of the resized image, {@code patch_size * merge_size} (28). */
    public int factor() {
        return patchSize * mergeSize;
    }

    /** Returns the number of values per patch row, {@code 3 * temporal_patch_size * patch_size²}. */
    public int patchDimension() {
        return 3 * temporalPatchSize * patchSize * patchSize;
    }

    /**
     * Computes {@code smart_resize}: the size with both sides multiples of {@link #factor()},
     * aspect ratio kept as closely as rounding allows, area within {@code [min_pixels, max_pixels]}
     * except for the extreme shapes listed in the class note.
     *
     * <p>Steps (Python's {@code round} rounds half to even): {@code h = max(f, round(height / f) *
     * f)}, likewise {@code w}; if {@code h * w > max_pixels}, {@code b = sqrt(height * width /
     * max_pixels)} and {@code h = max(f, floor(height / b / f) * f)}; else if {@code h * w <
     * min_pixels}, {@code b = sqrt(min_pixels / (height * width))} and {@code h = ceil(height * b /
     * f) * f}.
     *
     * @throws IllegalArgumentException when the aspect ratio exceeds {@link #MAX_ASPECT_RATIO}
     */
    public ImageSize smartResize(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        double ratio = (double) Math.max(height, width) / Math.min(height, width);
        if (ratio > MAX_ASPECT_RATIO) {
            throw new IllegalArgumentException("image " + width + "x" + height + " has aspect ratio " + ratio
                    + ", above the limit of " + MAX_ASPECT_RATIO + "; crop or pad it first");
        }
        int factor = factor();
        long resizedHeight = Math.max(factor, roundHalfEven((double) height / factor) * factor);
        long resizedWidth = Math.max(factor, roundHalfEven((double) width / factor) * factor);
        double area = (double) height * width;
        if (resizedHeight * resizedWidth > maxPixels) {
            double beta = Math.sqrt(area / maxPixels);
            resizedHeight = Math.max(factor, (long) Math.floor(height / beta / factor) * factor);
            resizedWidth = Math.max(factor, (long) Math.floor(width / beta / factor) * factor);
        } else if (resizedHeight * resizedWidth < minPixels) {
            double beta = Math.sqrt(minPixels / area);
            resizedHeight = (long) Math.ceil(height * beta / factor) * factor;
            resizedWidth = (long) Math.ceil(width * beta / factor) * factor;
        }
        return new ImageSize(Math.toIntExact(resizedHeight), Math.toIntExact(resizedWidth));
    }

    /**
     * Returns the 8-bit image the float values are computed from: resized to {@link
     * #smartResize(int, int)} with the configured filter, or unchanged when {@code do_resize} is off.
     *
     * @throws IllegalArgumentException as {@link #smartResize(int, int)}, or when resizing is off
     *     and a side is not a multiple of {@link #factor()}
     */
    public RgbImage prepare(RgbImage image) {
        if (!doResize) {
            if (image.height() % factor() != 0 || image.width() % factor() != 0) {
                throw new IllegalArgumentException("with do_resize off, image sides must be multiples of "
                        + factor() + ", got " + image.width() + "x" + image.height());
            }
            return image;
        }
        ImageSize target = smartResize(image.height(), image.width());
        LOG.debug("smart_resize {}x{} -> {}x{} (min_pixels {}, max_pixels {})", image.width(), image.height(),
                target.width(), target.height(), minPixels, maxPixels);
        return ImageOps.resize(image, target.width(), target.height(), resample);
    }

    /**
     * Preprocesses one still image.
     *
     * @return pixel values {@code [grid_h * grid_w, 1176]} and {@code grid_thw = [1, grid_h, grid_w]}
     * @throws IllegalArgumentException when the aspect ratio exceeds {@link #MAX_ASPECT_RATIO}
     */
    @Override
    public ProcessedImage process(RgbImage image) {
        RgbImage resized = prepare(image);
        float[] channelsFirst = normalization.toChannelsFirst(resized);
        GridThw grid = new GridThw(1, resized.height() / patchSize, resized.width() / patchSize);
        float[] patches = flattenPatches(channelsFirst, resized.height(), resized.width(), grid);
        return ProcessedImage.of(patches, new long[] {grid.patches(), patchDimension()}, grid, null);
    }

    /**
     * Flattens {@code [3, height, width]} into patch rows in merge-window order, repeating the one
     * frame {@code temporal_patch_size} times within each row.
     */
    private float[] flattenPatches(float[] channelsFirst, int height, int width, GridThw grid) {
        int patchArea = patchSize * patchSize;
        int rowLength = patchDimension();
        float[] out = new float[grid.patches() * rowLength];
        int row = 0;
        for (int blockY = 0; blockY < grid.height() / mergeSize; blockY++) {
            for (int blockX = 0; blockX < grid.width() / mergeSize; blockX++) {
                for (int innerY = 0; innerY < mergeSize; innerY++) {
                    for (int innerX = 0; innerX < mergeSize; innerX++) {
                        int top = (blockY * mergeSize + innerY) * patchSize;
                        int left = (blockX * mergeSize + innerX) * patchSize;
                        int base = row * rowLength;
                        for (int c = 0; c < 3; c++) {
                            for (int frame = 0; frame < temporalPatchSize; frame++) {
                                int offset = base + (c * temporalPatchSize + frame) * patchArea;
                                copyPatch(channelsFirst, c * height * width, width, top, left, out, offset);
                            }
                        }
                        row++;
                    }
                }
            }
        }
        return out;
    }

    private void copyPatch(float[] source, int planeOffset, int width, int top, int left, float[] target,
            int offset) {
        for (int y = 0; y < patchSize; y++) {
            System.arraycopy(source, planeOffset + (top + y) * width + left, target, offset + y * patchSize,
                    patchSize);
        }
    }

    private static long roundHalfEven(double value) {
        return (long) Math.rint(value);
    }

    private static void checkPositive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be positive, got " + value);
        }
    }

    @Override
    public String toString() {
        return "Qwen2VlImageProcessor[min_pixels=" + minPixels + ", max_pixels=" + maxPixels + ", patch_size="
                + patchSize + ", temporal_patch_size=" + temporalPatchSize + ", merge_size=" + mergeSize
                + ", resample=" + resample + ", " + normalization + "]";
    }
}
