package org.lens4j.models.blocks.internal;

import com.google.gson.JsonElement;
import java.nio.file.Path;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.ModelConfig;

/** Steps that the adapters of every family share: matching a config and naming a loaded model. */
public final class Adapters {

    private Adapters() {
    }

    /**
     * Returns whether the config's {@code model_type} is {@code modelType} or its
     * {@code architectures} list {@code architecture}.
     */
    public static boolean declares(ModelConfig config, String modelType, String architecture) {
        if (config.modelType().filter(modelType::equals).isPresent()) {
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

    /** Returns the model id: the folder name, with the seed when the weights are random. */
    public static String modelId(Path folder, LoadOptions options) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        String base = name == null ? folder.toString() : name.toString();
        return options.randomWeightsSeed() == null
                ? base
                : base + " (random weights, seed " + options.randomWeightsSeed() + ")";
    }
}
