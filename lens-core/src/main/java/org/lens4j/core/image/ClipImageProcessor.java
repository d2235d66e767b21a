package org.lens4j.core.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * CLIP's image preprocessing ({@code CLIPImageProcessor}), also used by LLaVA 1.5: resize so the
 * shortest edge is {@code size.shortest_edge} (long edge truncated, aspect ratio kept), center
 * crop to {@code crop_size}, rescale by 1/255 and normalise with the OpenAI mean and std.
 *
 * <p>Output shape {@code [3, crop_height, crop_width]}. A {@code size} of {@code {"height",
 * "width"}} resizes to that fixed size instead.
 *
 * <pre>{@code
 * ProcessedImage out = ClipImageProcessor.withDefaults().process(image);   // [3, 224, 224]
 * }</pre>
 */
public final class ClipImageProcessor implements ImageProcessor {

    private final ResizeCropPipeline pipeline;

    private ClipImageProcessor(ResizeCropPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Returns the defaults: shortest edge 224, center crop 224×224, bicubic, OpenAI mean and std. */
    public static ClipImageProcessor withDefaults() {
        return fromConfig(PreprocessorConfig.fromMap(Map.of()));
    }

    /**
     * Reads {@code size}, {@code crop_size}, {@code do_resize}, {@code do_center_crop},
     * {@code resample} and the normalisation keys; absent keys take the defaults.
     *
     * @throws IllegalArgumentException when a value has the wrong type or form
     */
    public static ClipImageProcessor fromConfig(PreprocessorConfig config) {
        Map<String, Integer> size = config.getSize("size", false).orElse(Map.of("shortest_edge", 224));
        ImageSize crop = null;
        if (config.getBoolean("do_center_crop", true)) {
            crop = config.getHeightWidth("crop_size").orElse(new ImageSize(224, 224));
        }
        return new ClipImageProcessor(new ResizeCropPipeline(config.getBoolean("do_resize", true), size, crop,
                config.resample(ResampleFilter.BICUBIC), config.normalization(Normalization.openAiClip())));
    }

    /**
     * Reads {@code preprocessor_config.json} from a model folder.
     *
     * @throws IOException when the file is missing or unreadable
     */
    public static ClipImageProcessor fromFolder(Path modelFolder) throws IOException {
        return fromConfig(PreprocessorConfig.fromFolder(modelFolder));
    }

    @Override
    public String processorType() {
        return "CLIPImageProcessor";
    }

    /** Returns the 8-bit image after resizing and cropping, the input of rescaling. */
    public RgbImage prepare(RgbImage image) {
        return pipeline.prepare(image);
    }

    /** Preprocesses one image into {@code [3, crop_height, crop_width]}. */
    @Override
    public ProcessedImage process(RgbImage image) {
        return pipeline.process(image);
    }

    @Override
    public String toString() {
        return "ClipImageProcessor[" + pipeline + "]";
    }
}
