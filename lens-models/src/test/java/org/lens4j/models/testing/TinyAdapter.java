package org.lens4j.models.testing;

import java.nio.file.Path;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.module.LayoutAlias;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.module.ModuleTrees;
import org.lens4j.core.testing.TinyVlm;
import org.lens4j.models.InputProcessor;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.ModelAdapter;
import org.lens4j.models.ModelConfig;

/**
 * An adapter for {@link TinyVlm}, for tests: a folder whose {@code config.json} has
 * {@code "model_type": "tiny_vlm"} and an optional {@code "seed"} loads a TinyVlm with that seed.
 */
public final class TinyAdapter implements ModelAdapter {

    /** The adapter id and the {@code model_type} it accepts. */
    public static final String ID = "tiny_vlm";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean accepts(ModelConfig config) {
        return config.modelType().filter(ID::equals).isPresent();
    }

    @Override
    public ModuleTree listModules(ModelConfig config) {
        return ModuleTrees.of(TinyVlm.moduleInfos(),
                java.util.List.of(new LayoutAlias(TinyVlm.ALIAS_LAYOUT, "model.layers.", "layers.")));
    }

    @Override
    public HookedModel load(Path folder, LoadOptions options) {
        ModelConfig config = ModelConfig.read(folder);
        if (!accepts(config)) {
            throw new IllegalArgumentException(folder + " is not a " + ID + " model");
        }
        long seed = options.randomWeightsSeed() != null ? options.randomWeightsSeed() : config.getLong("seed", 7);
        return new TinyVlm(seed);
    }

    @Override
    public InputProcessor processor(Path folder) {
        return new TinyProcessor();
    }
}
