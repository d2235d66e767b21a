package org.lens4j.models.vit.internal;

import com.google.gson.JsonElement;
import java.nio.file.Path;
import org.lens4j.core.checkpoint.Checkpoint;
import org.lens4j.core.checkpoint.SafetensorsCheckpoint;
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

    /**
     * Opens the safetensors weights of a model folder ({@code model.safetensors} or an indexed set
     * of shards).
     */
    public static Checkpoint openCheckpoint(Path folder) {
        return SafetensorsCheckpoint.open(folder);
    }
}
