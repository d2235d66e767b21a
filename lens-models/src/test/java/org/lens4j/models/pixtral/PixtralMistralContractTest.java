package org.lens4j.models.pixtral;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.pixtral.internal.PixtralModel;
import org.lens4j.models.testing.AdapterContractTest;
import org.lens4j.models.testing.Goldens;

/** The adapter contract on the Pixtral golden converted to the mistral_inference layout. */
class PixtralMistralContractTest extends AdapterContractTest {

    @TempDir
    static Path folder;

    @BeforeAll
    static void convertGolden() throws IOException {
        MistralLayout.convert(SharedData.golden(PixtralGoldenParityTest.CASE), folder);
    }

    @Override
    protected Optional<Path> modelFolder() {
        return Optional.of(folder);
    }

    @Override
    protected ModelInputs inputs(NDManager manager) {
        return Goldens.inputs(SharedData.golden(PixtralGoldenParityTest.CASE), manager);
    }

    @Override
    protected Map<String, long[]> expectedShapes(ModelInputs inputs) {
        long sequence = inputs.require(ModelInputs.INPUT_IDS).getShape().get(1);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("vision_encoder.patch_conv", new long[] {1, PixtralContractTest.VISION, 3, 4});
        shapes.put("vision_encoder.transformer.layers.1", new long[] {PixtralContractTest.PATCHES,
            PixtralContractTest.VISION});
        shapes.put("vision_language_adapter", new long[] {PixtralContractTest.PATCHES, PixtralContractTest.TEXT});
        shapes.put("layers.1", new long[] {1, sequence, PixtralContractTest.TEXT});
        shapes.put("output", new long[] {1, sequence, 128});
        return shapes;
    }

    @Override
    protected NDManager weightsManager(HookedModel model) {
        return ((PixtralModel) model).manager();
    }
}
