package org.lens4j.models.vit.internal;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.checkpoint.Checkpoint;
import org.lens4j.core.module.LayoutAlias;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.blocks.internal.Adapters;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens a checkpoint, builds a weight loader for the load options, and logs the load. */
public final class ModelLoading {

    private static final Logger LOG = LoggerFactory.getLogger(ModelLoading.class);

    private ModelLoading() {
    }

    /**
     * Creates a weight manager and a loader on {@code checkpoint} (or random weights when the
     * options ask for them), and runs {@code build}, which takes ownership of the manager.
     */
    public static <M extends HookedModel> M build(Checkpoint checkpoint, LoadOptions options,
            List<LayoutAlias> aliases, Function<Loaded, M> build) {
        long start = System.nanoTime();
        NDManager manager = LensRuntime.newManager();
        WeightLoader weights;
        if (options.randomWeightsSeed() != null) {
            long seed = options.randomWeightsSeed();
            weights = WeightLoader.random(manager, name -> tensorSeed(seed, name));
        } else {
            weights = WeightLoader.fromCheckpoint(checkpoint, manager, aliases);
        }
        M model = build.apply(new Loaded(manager, weights));
        LOG.info("loaded {} model {} in {} ms", model.familyId(), model.modelId(),
                (System.nanoTime() - start) / 1_000_000);
        return model;
    }

    /**
     * Loads a model folder: reads {@code config.json}, opens the safetensors checkpoint unless the
     * options ask for random weights, and passes both to {@code load}. The checkpoint is closed once
     * {@code load} returns.
     */
    public static HookedModel loadFolder(Path folder, LoadOptions options, CheckpointLoad load) {
        ModelConfig config = ModelConfig.read(folder);
        String modelId = modelId(folder, options);
        if (options.randomWeightsSeed() != null) {
            return load.load(config, null, options, modelId);
        }
        try (Checkpoint checkpoint = AdapterSupport.openCheckpoint(folder)) {
            return load.load(config, checkpoint, options, modelId);
        }
    }

    /** Returns the model id shown for a folder and options. */
    public static String modelId(Path folder, LoadOptions options) {
        return Adapters.modelId(folder, options);
    }

    /**
     * Returns the seed of a random parameter's generator. These families mix the name into the
     * seed this way, and must keep doing so for a given seed to reproduce the same weights.
     */
    private static long tensorSeed(long seed, String name) {
        return seed ^ ((long) name.hashCode() << 16);
    }

    /** An adapter's load from a parsed config and an open checkpoint. */
    @FunctionalInterface
    public interface CheckpointLoad {

        /**
         * Builds the model.
         *
         * @param checkpoint the weights, or {@code null} when {@code options} ask for random weights
         * @param modelId the description {@link HookedModel#modelId()} returns
         */
        HookedModel load(ModelConfig config, Checkpoint checkpoint, LoadOptions options, String modelId);
    }

    /**
     * The weight manager and its loader.
     *
     * @param manager owns the weights; the model built from them takes it over
     * @param weights reads tensors into {@code manager}
     */
    public record Loaded(NDManager manager, WeightLoader weights) {
    }
}
