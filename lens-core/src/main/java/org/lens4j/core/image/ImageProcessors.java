package org.lens4j.core.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the {@link ImageProcessor} named by a config's {@code image_processor_type}. A
 * {@code Fast} suffix (the torchvision variants) maps to the same processor.
 *
 * <pre>{@code
 * ImageProcessor processor = ImageProcessors.fromFolder(Path.of("llava-v1.6-mistral-7b-hf"));
 * }</pre>
 */
public final class ImageProcessors {

    private static final Logger LOG = LoggerFactory.getLogger(ImageProcessors.class);

    private static final Map<String, Function<PreprocessorConfig, ImageProcessor>> FACTORIES = factories();

    private ImageProcessors() {
    }

    /** Returns the supported {@code image_processor_type} values. */
    public static Set<String> supportedTypes() {
        return Collections.unmodifiableSet(FACTORIES.keySet());
    }

    /**
     * Creates the processor for {@code image_processor_type}.
     *
     * @throws IllegalArgumentException when the config has no {@code image_processor_type}
     * @throws UnsupportedOperationException when the type is not supported, naming the supported ones
     */
    public static ImageProcessor fromConfig(PreprocessorConfig config) {
        String type = config.processorType().orElseThrow(() -> new IllegalArgumentException(
                "preprocessor config has no image_processor_type; create the processor class directly"));
        String base = type.endsWith("Fast") ? type.substring(0, type.length() - "Fast".length()) : type;
        Function<PreprocessorConfig, ImageProcessor> factory = FACTORIES.get(base);
        if (factory == null) {
            throw new UnsupportedOperationException("image_processor_type " + type + " is not supported; supported: "
                    + FACTORIES.keySet());
        }
        ImageProcessor processor = factory.apply(config);
        LOG.debug("image_processor_type {} -> {}", type, processor);
        return processor;
    }

    /**
     * Reads {@code preprocessor_config.json} from a model folder and creates its processor.
     *
     * @throws IOException when the file is missing or unreadable
     */
    public static ImageProcessor fromFolder(Path modelFolder) throws IOException {
        return fromConfig(PreprocessorConfig.fromFolder(modelFolder));
    }

    private static Map<String, Function<PreprocessorConfig, ImageProcessor>> factories() {
        Map<String, Function<PreprocessorConfig, ImageProcessor>> map = new LinkedHashMap<>();
        map.put("Qwen2VLImageProcessor", Qwen2VlImageProcessor::fromConfig);
        map.put("CLIPImageProcessor", ClipImageProcessor::fromConfig);
        map.put("SiglipImageProcessor", SiglipImageProcessor::fromConfig);
        map.put("BlipImageProcessor", BlipImageProcessor::fromConfig);
        map.put("PixtralImageProcessor", PixtralImageProcessor::fromConfig);
        map.put("LlavaNextImageProcessor", LlavaNextImageProcessor::fromConfig);
        map.put("JanusImageProcessor", JanusImageProcessor::fromConfig);
        map.put("GotOcr2ImageProcessor", GotOcr2ImageProcessor::fromConfig);
        // The name used by the original Janus code's preprocessor_config.json.
        map.put("VLMImageProcessor", JanusImageProcessor::fromConfig);
        return Collections.unmodifiableMap(map);
    }
}
