package org.lens4j.models.vit.internal;

import java.nio.file.Path;
import org.lens4j.core.checkpoint.Checkpoint;
import org.lens4j.core.checkpoint.SafetensorsCheckpoint;
import org.lens4j.models.blocks.internal.Adapters;
import org.lens4j.models.ModelConfig;

/** Helpers shared by the adapters of this module. */
public final class AdapterSupport {

    private AdapterSupport() {
    }

    /** Returns whether the config names {@code modelType} or lists {@code architecture}. */
    public static boolean declares(ModelConfig config, String modelType, String architecture) {
        return Adapters.declares(config, modelType, architecture);
    }

    /**
     * Opens the safetensors weights of a model folder ({@code model.safetensors} or an indexed set
     * of shards).
     */
    public static Checkpoint openCheckpoint(Path folder) {
        return SafetensorsCheckpoint.open(folder);
    }
}
