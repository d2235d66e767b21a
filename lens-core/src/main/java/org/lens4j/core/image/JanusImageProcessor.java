package org.lens4j.core.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Janus's image preprocessing ({@code JanusImageProcessor} in transformers 4.51, {@code
 * VLMImageProcessor} in the original code): scale so the long side is {@code size}, each side at
 * least {@code min_size}, resize (bicubic), pad to a square with the background colour, rescale and
 * normalise (mean and std 0.5 in the released configs).
 *
 * <p>Output shape {@code [3, size, size]}. The resized size is {@code [max(int(height * d),
 * min_size), max(int(width * d), min_size)]} with {@code d = size / max(height, width)}; the image
 * is placed at offset {@code (size - side) // 2} on the padded axis. The background colour is
 * {@code background_color} if the config has it, else {@code int(255 * mean)} per channel (127
 * for mean 0.5).
 *
 * @implNote No reference output exists for this processor; its geometry is tested against the
 *     formulas above. The original code computes {@code int(height / max_size * image_size)},
 *     which can differ from {@code int(height * (size / max_size))} by one pixel when the product
 *     is within rounding of an integer; this class follows transformers.
 */
public final class JanusImageProcessor implements ImageProcessor {

    private static final float[] HALF = {0.5f, 0.5f, 0.5f};

    private final int size;
    private final int minSize;
    private final int[] background;
    private final ResampleFilter resample;
    private final Normalization normalization;

    private JanusImageProcessor(int size, int minSize, int[] background, ResampleFilter resample,
            Normalization normalization) {
        if (size < 1 || minSize < 1 || minSize > size) {
            throw new IllegalArgumentException("need 1 <= min_size <= size, got min_size=" + minSize + ", size="
                    + size);
        }
        RgbImage.checkColour(background);
        this.size = size;
        this.minSize = minSize;
        this.background = background.clone();
        this.resample = resample;
        this.normalization = normalization;
    }

    /** Returns the Janus-Pro settings: size 384, min_size 14, bicubic, mean and std 0.5, background 127. */
    public static JanusImageProcessor withDefaults() {
        return fromConfig(PreprocessorConfig.fromMap(Map.of()));
    }

    /**
     * Reads {@code size} (a square {@code {"height", "width"}}) or the original code's {@code
     * image_size}, {@code min_size}, {@code background_color}, {@code resample} and the
     * normalisation keys; absent keys take the defaults.
     *
     * @throws IllegalArgumentException when {@code size} is not square or a value has the wrong type
     */
    public static JanusImageProcessor fromConfig(PreprocessorConfig config) {
        ImageSize square = config.getHeightWidth("size").orElse(null);
        int size = config.getInt("image_size", 384);
        if (square != null) {
            if (square.height() != square.width()) {
                throw new IllegalArgumentException("size must be square, got height=" + square.height() + " and width="
                        + square.width());
            }
            size = square.height();
        }
        Normalization normalization = config.normalization(Normalization.of(HALF, HALF));
        int[] background = backgroundColour(config);
        return new JanusImageProcessor(size, config.getInt("min_size", 14), background,
                config.resample(ResampleFilter.BICUBIC), normalization);
    }

    /**
     * Reads {@code preprocessor_config.json} from a model folder.
     *
     * @throws IOException when the file is missing or unreadable
     */
    public static JanusImageProcessor fromFolder(Path modelFolder) throws IOException {
        return fromConfig(PreprocessorConfig.fromFolder(modelFolder));
    }

    @Override
    public String processorType() {
        return "JanusImageProcessor";
    }

    /** Returns the size before padding: {@code [max(int(h * d), min_size), max(int(w * d), min_size)]}. */
    public ImageSize resizedSize(int height, int width) {
        double delta = (double) size / Math.max(height, width);
        int newHeight = Math.max((int) (height * delta), minSize);
        int newWidth = Math.max((int) (width * delta), minSize);
        return new ImageSize(newHeight, newWidth);
    }

    /** Returns the 8-bit square image after resizing and padding, the input of rescaling. */
    public RgbImage prepare(RgbImage image) {
        ImageSize resized = resizedSize(image.height(), image.width());
        RgbImage scaled = ImageOps.resize(image, resized.width(), resized.height(), resample);
        return ImageOps.padToSquare(scaled, background);
    }

    /** Preprocesses one image into {@code [3, size, size]}. */
    @Override
    public ProcessedImage process(RgbImage image) {
        RgbImage prepared = prepare(image);
        float[] values = normalization.toChannelsFirst(prepared);
        return ProcessedImage.of(values, new long[] {3, prepared.height(), prepared.width()}, null, null);
    }

    @Override
    public String toString() {
        return "JanusImageProcessor[size=" + size + ", min_size=" + minSize + ", background="
                + Arrays.toString(background) + ", resample=" + resample + ", " + normalization + "]";
    }

    /** Returns {@code background_color}, else {@code int(255 * mean)} from the config's double values. */
    private static int[] backgroundColour(PreprocessorConfig config) {
        double[] explicit = config.findChannels("background_color").orElse(null);
        if (explicit != null) {
            int[] colour = new int[3];
            for (int i = 0; i < 3; i++) {
                if (explicit[i] != Math.rint(explicit[i]) || explicit[i] < 0 || explicit[i] > 255) {
                    throw new IllegalArgumentException("background_color must be 3 integers 0-255, got "
                            + Arrays.toString(explicit));
                }
                colour[i] = (int) explicit[i];
            }
            return colour;
        }
        double[] mean = config.findChannels("image_mean").orElse(new double[] {0.5, 0.5, 0.5});
        return new int[] {(int) (mean[0] * 255), (int) (mean[1] * 255), (int) (mean[2] * 255)};
    }
}
