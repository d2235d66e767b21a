package org.lens4j.examples.study;

import java.nio.file.Path;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.image.Qwen2VlImageProcessor;
import org.lens4j.models.Lens;
import org.lens4j.models.LensModel;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.qwen2vl.Qwen2VLModels;

/** Opens the model a study runs on: a model folder, or the built-in random-weight network. */
public final class StudyModel {

    /** The built-in network's name in reports. */
    public static final String BUILTIN_DESCRIPTION =
            "built-in network with RANDOM weights (not a trained VLM)";

    /** The built-in network's shape, for reports. */
    public static final String BUILTIN_SHAPE =
            "32 vision blocks of width 32, 28 decoder layers of width 64, Qwen2-VL token ids";

    // 224 x 224 images give 16 x 16 patches of 14 pixels, 64 merged image tokens.
    private static final int BUILTIN_PIXELS = 224 * 224;
    private static final int MERGE_SIZE = 2;

    private StudyModel() {
    }

    /**
     * Opens the model in {@code folder} through the adapter registry, or the built-in random-weight
     * network when {@code folder} is null.
     *
     * @param seed the seed of the built-in network's weights
     */
    public static LensModel open(Path folder, long seed) {
        if (folder != null) {
            return Lens.open(folder);
        }
        ModelConfig config = Qwen2VLModels.tinyConfig();
        HookedModel network = Qwen2VLModels.randomWeights(config, seed);
        Qwen2VlImageProcessor images = Qwen2VlImageProcessor.withDefaults()
                .withMinPixels(BUILTIN_PIXELS).withMaxPixels(BUILTIN_PIXELS);
        return Lens.wrap(network, new ByteLevelQwenInputs(images, MERGE_SIZE));
    }

    /** Returns whether {@code folder} selects the built-in network. */
    public static boolean isBuiltin(Path folder) {
        return folder == null;
    }
}
