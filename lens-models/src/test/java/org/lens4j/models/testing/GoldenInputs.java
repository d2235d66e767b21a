package org.lens4j.models.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.checkpoint.Checkpoint;

/** Turns a golden {@code inputs.safetensors} into {@link ModelInputs}. */
public final class GoldenInputs {

    private GoldenInputs() {
    }

    /** Loads every tensor of {@code inputs} into {@code manager}, under its file name. */
    public static ModelInputs read(Checkpoint inputs, NDManager manager) {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (String name : inputs.names()) {
            tensors.put(name, inputs.load(manager, name));
        }
        return ModelInputs.of(tensors);
    }
}
