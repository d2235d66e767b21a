package org.lens4j.models.vit.internal;

import com.google.gson.JsonElement;
import java.nio.file.Path;
import org.lens4j.core.checkpoint.Checkpoint;
import org.lens4j.models.ModelConfig;

/** Helpers shared by the adapters of this module. */
public final class AdapterSupport {

    private AdapterSupport() {
    }

    /** Returns whether the config names {@code modelType} or lists {@code architecture}. */
    public static boolean declares(ModelConfig config, String modelType, String architecture) {
        if (config.modelType().map(modelType::equals).orElse(false)) {
            return true;
        }
        return config.getArray("architectures").map(array -> {
            for (JsonElement element : array) {
                if (element.isJsonPrimitive() && architecture.equals(element.getAsString())) {
                    return true;
                }
            }
            return false;
        }).orElse(false);
    }

    /** Opens the safetensors weights of a model folder. */
    public static Checkpoint openCheckpoint(Path folder) {
        throw new UnsupportedOperationException("reading safetensors checkpoints is not available yet: " + folder);
    }
}
