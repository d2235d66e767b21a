package org.lens4j.core.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Pixtral's image preprocessing ({@code PixtralImageProcessor}, transformers 4.49): shrink so the
 * image fits {@code size.longest_edge} (aspect ratio kept), round each side up to a multiple of the
 * patch size, resize (bicubic), rescale, normalise with the OpenAI mean and std.
 *
 * <p>Output shape {@code [3, height, width]} with both sides multiples of {@code patch_size};
 * {@link ProcessedImage#imageSize()} is that resized size, as {@code image_sizes} stores it.
 *
 * <p>Unlike the other processors, the reference blends transparent images onto white before
 * anything else; decode with {@link #alphaPolicy()} ({@link AlphaPolicy#COMPOSITE_ON_WHITE}) to
 * match it.
 *
 * @implNote When the image exceeds {@code longest_edge}, transformers 4.49 divides each side by
 *     {@code ratio = max(height / max_height, width / max_width)} and rounds up ({@code ceil});
 *     later versions round down and Mistral's own code truncates, so a side can end one patch
 *     apart from those at exact multiples. This class follows 4.49.
 */
public final class PixtralImageProcessor implements ImageProcessor {

    private final boolean doResize;
    private final ImageSize maxSize;
    private final ImageSize patchSize;
    private final ResampleFilter resample;
    private final Normalization normalization;

    private PixtralImageProcessor(boolean doResize, ImageSize maxSize, ImageSize patchSize, ResampleFilter resample,
            Normalization normalization) {
        this.doResize = doResize;
        this.maxSize = maxSize;
        this.patchSize = patchSize;
        this.resample = resample;
        this.normalization = normalization;
    }

    /** Returns the defaults: longest edge 1024, patch 16, bicubic, OpenAI mean and std. */
    public static PixtralImageProcessor withDefaults() {
        return fromConfig(PreprocessorConfig.fromMap(Map.of()));
    }

    /**
     * Reads {@code size} ({@code {"longest_edge": n}} or {@code {"height", "width"}}), {@code
     * patch_size} ({@code {"height", "width"}} or an integer), {@code do_resize}, {@code resample}
     * and the normalisation keys; absent keys take the defaults.
     *
     * @throws IllegalArgumentException when a value has the wrong type or form
     */
    public static PixtralImageProcessor fromConfig(PreprocessorConfig config) {
        Map<String, Integer> size = config.getSize("size").orElse(Map.of("longest_edge", 1024));
        ImageSize maxSize;
        if (size.containsKey("longest_edge")) {
            maxSize = new ImageSize(size.get("longest_edge"), size.get("longest_edge"));
        } else if (size.containsKey("height") && size.containsKey("width")) {
            maxSize = new ImageSize(size.get("height"), size.get("width"));
        } else {
            throw new IllegalArgumentException("size must contain 'longest_edge' or both 'height' and 'width', got "
                    + size);
        }
        ImageSize patchSize = config.getHeightWidth("patch_size").orElse(new ImageSize(16, 16));
        return new PixtralImageProcessor(config.getBoolean("do_resize", true), maxSize, patchSize,
                config.resample(ResampleFilter.BICUBIC), config.normalization(Normalization.openAiClip()));
    }

    /**
     * Reads {@code preprocessor_config.json} from a model folder.
     *
     * @throws IOException when the file is missing or unreadable
     */
    public static PixtralImageProcessor fromFolder(Path modelFolder) throws IOException {
        return fromConfig(PreprocessorConfig.fromFolder(modelFolder));
    }

    @Override
    public String processorType() {
        return "PixtralImageProcessor";
    }

    /** Returns {@link AlphaPolicy#COMPOSITE_ON_WHITE}, the reference's own RGB conversion. */
    @Override
    public AlphaPolicy alphaPolicy() {
        return AlphaPolicy.COMPOSITE_ON_WHITE;
    }

    /**
     * Computes the resized size: with {@code ratio = max(height / max_height, width / max_width)},
     * each side is {@code ceil(side / ratio)} when {@code ratio > 1}, then rounded up to a multiple
     * of the patch size.
     */
    public ImageSize targetSize(int height, int width) {
        double ratio = Math.max((double) height / maxSize.height(), (double) width / maxSize.width());
        int fittedHeight = height;
        int fittedWidth = width;
        if (ratio > 1) {
            fittedHeight = (int) Math.ceil(height / ratio);
            fittedWidth = (int) Math.ceil(width / ratio);
        }
        int rows = (fittedHeight - 1) / patchSize.height() + 1;
        int columns = (fittedWidth - 1) / patchSize.width() + 1;
        return new ImageSize(rows * patchSize.height(), columns * patchSize.width());
    }

    /** Returns the 8-bit image after resizing, the input of rescaling. */
    public RgbImage prepare(RgbImage image) {
        if (!doResize) {
            return image;
        }
        ImageSize target = targetSize(image.height(), image.width());
        return ImageOps.resize(image, target.width(), target.height(), resample);
    }

    /** Preprocesses one image into {@code [3, height, width]} with {@code image_sizes = [height, width]}. */
    @Override
    public ProcessedImage process(RgbImage image) {
        RgbImage prepared = prepare(image);
        float[] values = normalization.toChannelsFirst(prepared);
        return ProcessedImage.of(values, new long[] {3, prepared.height(), prepared.width()}, null,
                ImageSize.of(prepared));
    }

    @Override
    public String toString() {
        return "PixtralImageProcessor[max_size=" + maxSize.height() + "x" + maxSize.width() + ", patch_size="
                + patchSize.height() + "x" + patchSize.width() + ", resample=" + resample + ", " + normalization + "]";
    }
}
