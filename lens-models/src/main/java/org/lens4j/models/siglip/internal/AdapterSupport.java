package org.lens4j.models.siglip.internal;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.checkpoint.SafetensorsCheckpoint;
import org.lens4j.core.module.LayoutAlias;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.blocks.internal.Adapters;
import org.lens4j.models.blocks.internal.WeightLoader;

/** Steps every adapter of these families shares: matching a config, naming and loading a model. */
public final class AdapterSupport {

    private AdapterSupport() {
    }

    /** Returns whether the config's {@code model_type} or {@code architectures} names the family. */
    public static boolean declares(ModelConfig config, String modelType, String architecture) {
        return Adapters.declares(config, modelType, architecture);
    }

    /** Returns the model id: the folder name, with the seed when the weights are random. */
    public static String modelId(Path folder, LoadOptions options) {
        return Adapters.modelId(folder, options);
    }

    /**
     * Creates the weights' manager and a weight loader on the folder's safetensors files (or on
     * random values when the options ask for them), and builds the model with it. The checkpoint is
     * closed once the model is built, and the model owns the manager.
     */
    public static <M> M load(Path folder, LoadOptions options, List<LayoutAlias> aliases,
            Function<WeightLoader, M> build) {
        if (options.randomWeightsSeed() != null) {
            long seed = options.randomWeightsSeed();
            return build.apply(WeightLoader.random(LensRuntime.newManager(), name -> tensorSeed(seed, name)));
        }
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder)) {
            NDManager manager = LensRuntime.newManager();
            return build.apply(WeightLoader.fromCheckpoint(checkpoint, manager, aliases));
        }
    }

    /**
     * Returns the seed of a random parameter's generator. These families mix the name into the
     * seed this way, and must keep doing so for a given seed to reproduce the same weights.
     */
    private static long tensorSeed(long seed, String name) {
        return seed * 0x9E3779B97F4A7C15L + name.hashCode();
    }
}
