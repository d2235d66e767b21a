package org.lens4j.models.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lens4j.core.capture.ModelInputs;
import java.nio.file.Path;
import org.lens4j.core.checkpoint.Checkpoint;
import org.lens4j.core.checkpoint.SafetensorsCheckpoint;

/** Turns a golden {@code inputs.safetensors} into {@link ModelInputs}. */
public final class GoldenInputs {

    private GoldenInputs() {
    }

    /** Loads {@code inputs.safetensors} of a golden case folder into {@code manager}. */
    public static ModelInputs read(Path caseFolder, NDManager manager) {
        try (Checkpoint inputs = SafetensorsCheckpoint.open(caseFolder.resolve("inputs.safetensors"))) {
            return read(inputs, manager);
        }
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
