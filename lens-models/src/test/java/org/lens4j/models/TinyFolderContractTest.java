package org.lens4j.models;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.testing.TinyVlm;
import org.lens4j.models.testing.AdapterContractTest;
import org.lens4j.models.testing.TinyAdapter;

/** The contract on a model folder loaded through a registry, as a family's test runs it. */
class TinyFolderContractTest extends AdapterContractTest {

    @TempDir
    Path folder;

    @Override
    protected Optional<Path> modelFolder() {
        try {
            Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"tiny_vlm\", \"seed\": 3}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(folder);
    }

    @Override
    protected AdapterRegistry registry() {
        return AdapterRegistry.withoutDiscovery().register(new TinyAdapter());
    }

    @Override
    protected ModelInputs inputs(NDManager manager) {
        return TinyVlm.sampleInputs(manager);
    }

    @Override
    protected Map<String, long[]> expectedShapes(ModelInputs inputs) {
        long sequence = inputs.require(ModelInputs.INPUT_IDS).getShape().get(1);
        return Map.of("embed", new long[] {1, sequence, TinyVlm.HIDDEN});
    }

    @Override
    protected NDManager weightsManager(HookedModel model) {
        return ((TinyVlm) model).manager();
    }
}
