package org.lens4j.core.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * SigLIP's image preprocessing ({@code SiglipImageProcessor}), also used by PaliGemma: resize to a
 * fixed {@code size} ignoring the aspect ratio, rescale by 1/255, normalise with mean and std 0.5
 * (values in [-1, 1]).
 *
 * <p>Output shape {@code [3, height, width]}.
 *
 * @implNote The reference leaves {@code do_convert_rgb} unset and raises on gray, palette and
 *     RGBA input ("Unsupported number of image dimensions", "Unable to infer channel dimension
 *     format"). Here every image arrives as RGB from {@link ImageDecoder}, so those inputs are
 *     processed like the other families process them.
 */
public final class SiglipImageProcessor implements ImageProcessor {

    private static final float[] HALF = {0.5f, 0.5f, 0.5f};

    private final ResizeCropPipeline pipeline;

    private SiglipImageProcessor(ResizeCropPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Returns the defaults: 224×224, bicubic, mean and std 0.5. */
    public static SiglipImageProcessor withDefaults() {
        return fromConfig(PreprocessorConfig.fromMap(Map.of()));
    }

    /**
     * Reads {@code size}, {@code do_resize}, {@code resample} and the normalisation keys; absent
     * keys take the defaults.
     *
     * @throws IllegalArgumentException when a value has the wrong type or {@code size} lacks
     *     height and width
     */
    public static SiglipImageProcessor fromConfig(PreprocessorConfig config) {
        ImageSize fixed = config.getHeightWidth("size").orElse(new ImageSize(224, 224));
        return new SiglipImageProcessor(new ResizeCropPipeline(config.getBoolean("do_resize", true),
                Map.of("height", fixed.height(), "width", fixed.width()), null,
                config.resample(ResampleFilter.BICUBIC), config.normalization(Normalization.of(HALF, HALF))));
    }

    /**
     * Reads {@code preprocessor_config.json} from a model folder.
     *
     * @throws IOException when the file is missing or unreadable
     */
    public static SiglipImageProcessor fromFolder(Path modelFolder) throws IOException {
        return fromConfig(PreprocessorConfig.fromFolder(modelFolder));
    }

    @Override
    public String processorType() {
        return "SiglipImageProcessor";
    }

    /** Returns the 8-bit image after resizing, the input of rescaling. */
    public RgbImage prepare(RgbImage image) {
        return pipeline.prepare(image);
    }

    /** Preprocesses one image into {@code [3, height, width]}. */
    @Override
    public ProcessedImage process(RgbImage image) {
        return pipeline.process(image);
    }

    @Override
    public String toString() {
        return "SiglipImageProcessor[" + pipeline + "]";
    }
}
