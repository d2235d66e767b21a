package org.lens4j.core.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * BLIP's image preprocessing ({@code BlipImageProcessor}), also used by BLIP-2 and InstructBLIP:
 * resize to a fixed {@code size} ignoring the aspect ratio (bicubic), rescale by 1/255 and
 * normalise with the OpenAI mean and std.
 *
 * <p>Output shape {@code [3, height, width]}.
 */
public final class BlipImageProcessor implements ImageProcessor {

    private final ResizeCropPipeline pipeline;

    private BlipImageProcessor(ResizeCropPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Returns the class defaults of transformers: 384×384, bicubic, OpenAI mean and std. */
    public static BlipImageProcessor withDefaults() {
        return fromConfig(PreprocessorConfig.fromMap(Map.of()));
    }

    /**
     * Reads {@code size}, {@code do_resize}, {@code resample} and the normalisation keys; absent
     * keys take the defaults.
     *
     * @throws IllegalArgumentException when a value has the wrong type or {@code size} lacks
     *     height and width
     */
    public static BlipImageProcessor fromConfig(PreprocessorConfig config) {
        ImageSize fixed = config.getHeightWidth("size").orElse(new ImageSize(384, 384));
        return new BlipImageProcessor(new ResizeCropPipeline(config.getBoolean("do_resize", true),
                Map.of("height", fixed.height(), "width", fixed.width()), null,
                config.resample(ResampleFilter.BICUBIC), config.normalization(Normalization.openAiClip())));
    }

    /**
     * Reads {@code preprocessor_config.json} from a model folder.
     *
     * @throws IOException when the file is missing or unreadable
     */
    public static BlipImageProcessor fromFolder(Path modelFolder) throws IOException {
        return fromConfig(PreprocessorConfig.fromFolder(modelFolder));
    }

    @Override
    public String processorType() {
        return "BlipImageProcessor";
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
        return "BlipImageProcessor[" + pipeline + "]";
    }
}
