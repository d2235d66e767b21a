package org.lens4j.models.pixtral;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.AdapterRegistry;
import org.lens4j.models.pixtral.internal.PixtralModel;
import org.lens4j.models.testing.AdapterContractTest;
import org.lens4j.models.testing.Goldens;

/** The adapter contract on the Pixtral golden checkpoint in the transformers layout. */
class PixtralContractTest extends AdapterContractTest {

    /** Vision width, text width and patches (3 x 4) of the golden. */
    static final long VISION = 32;
    static final long TEXT = 48;
    static final long PATCHES = 12;

    @Override
    protected Optional<Path> modelFolder() {
        return Optional.of(SharedData.golden(PixtralGoldenParityTest.CASE));
    }

    /** Returns a registry with the Pixtral adapter only, because the LLaVA adapter accepts this config too. */
    @Override
    protected AdapterRegistry registry() {
        return AdapterRegistry.withoutDiscovery().register(new PixtralAdapter());
    }

    @Override
    protected ModelInputs inputs(NDManager manager) {
        return Goldens.inputs(SharedData.golden(PixtralGoldenParityTest.CASE), manager);
    }

    @Override
    protected Map<String, long[]> expectedShapes(ModelInputs inputs) {
        long sequence = inputs.require(ModelInputs.INPUT_IDS).getShape().get(1);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("vision_tower.patch_conv", new long[] {1, VISION, 3, 4});
        shapes.put("vision_tower.transformer.layers.1", new long[] {1, PATCHES, VISION});
        shapes.put("multi_modal_projector", new long[] {1, PATCHES, TEXT});
        shapes.put("language_model.model.layers.1", new long[] {1, sequence, TEXT});
        return shapes;
    }

    @Override
    protected NDManager weightsManager(HookedModel model) {
        return ((PixtralModel) model).manager();
    }
}
