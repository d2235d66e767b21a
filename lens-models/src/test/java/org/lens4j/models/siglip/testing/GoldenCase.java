package org.lens4j.models.siglip.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.checkpoint.SafetensorsCheckpoint;
import org.lens4j.core.testing.SharedData;

/**
 * One golden case: a tiny reference checkpoint with its inputs, the output of every module the
 * reference ran, and its {@code named_modules()} list.
 */
public final class GoldenCase {

    private final Path folder;

    private GoldenCase(Path folder) {
        this.folder = folder;
    }

    /** Opens {@code goldens/<name>} of the reference data folder. */
    public static GoldenCase named(String name) {
        return new GoldenCase(SharedData.golden(name));
    }

    /** Returns the model folder. */
    public Path folder() {
        return folder;
    }

    /** Loads {@code inputs.safetensors} into {@code manager}, by input name. */
    public ModelInputs inputs(NDManager manager) {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        try (SafetensorsCheckpoint file = SafetensorsCheckpoint.open(folder.resolve("inputs.safetensors"))) {
            for (String name : file.names()) {
                tensors.put(name, file.load(manager, name));
            }
        }
        return ModelInputs.of(tensors);
    }

    /** Reads {@code activations.safetensors}: module name to reference output. */
    public Map<String, Reference> activations() {
        Map<String, Reference> out = new LinkedHashMap<>();
        try (SafetensorsCheckpoint file = SafetensorsCheckpoint.open(folder.resolve("activations.safetensors"))) {
            for (String name : file.names()) {
                out.put(name, new Reference(file.info(name).shape(), file.readFloats(name)));
            }
        }
        return out;
    }

    /** Reads {@code modules.txt}, the root {@code ""} first. */
    public List<String> modules() {
        try {
            return Files.readAllLines(folder.resolve("modules.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One reference output.
     *
     * @param shape its shape
     * @param values its values in row-major order
     */
    public record Reference(long[] shape, float[] values) {
    }
}
