package org.lens4j.models.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.checkpoint.SafetensorsCheckpoint;

/** Reads a golden case: its inputs, recorded activations and module list. */
public final class Goldens {

    private Goldens() {
    }

    /** Loads every tensor of {@code inputs.safetensors} into {@code manager}. */
    public static ModelInputs inputs(Path caseDir, NDManager manager) {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        try (SafetensorsCheckpoint file = SafetensorsCheckpoint.open(caseDir.resolve("inputs.safetensors"))) {
            for (String name : file.names()) {
                tensors.put(name, file.load(manager, name));
            }
        }
        return ModelInputs.of(tensors);
    }

    /** Reads every tensor of {@code activations.safetensors}, in file order of names. */
    public static Map<String, RecordingHooks.Tensor> activations(Path caseDir) {
        Map<String, RecordingHooks.Tensor> out = new LinkedHashMap<>();
        try (SafetensorsCheckpoint file = SafetensorsCheckpoint.open(caseDir.resolve("activations.safetensors"))) {
            for (String name : file.names()) {
                out.put(name, new RecordingHooks.Tensor(file.readFloats(name), file.info(name).shape()));
            }
        }
        return out;
    }

    /** Reads {@code modules.txt}, the root's empty name first. */
    public static List<String> moduleNames(Path caseDir) throws IOException {
        return Files.readAllLines(caseDir.resolve("modules.txt"));
    }
}
