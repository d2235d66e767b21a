package org.lens4j.models.clip;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.blocks.internal.ManagedModel;
import org.lens4j.models.testing.AdapterContractTest;
import org.lens4j.models.testing.GoldenInputs;

class ClipContractTest extends AdapterContractTest {

    private static final Path FOLDER = SharedData.golden("clip-single");

    @Override
    protected Optional<Path> modelFolder() {
        return Optional.of(FOLDER);
    }

    @Override
    protected ModelInputs inputs(NDManager manager) {
        return GoldenInputs.read(FOLDER, manager);
    }

    @Override
    protected Map<String, long[]> expectedShapes(ModelInputs inputs) {
        ClipConfig config = ClipConfig.from(ModelConfig.read(FOLDER));
        long texts = inputs.require(ModelInputs.INPUT_IDS).getShape().get(0);
        long tokens = inputs.require(ModelInputs.INPUT_IDS).getShape().get(1);
        long images = inputs.require(ModelInputs.PIXEL_VALUES).getShape().get(0);
        long visionTokens = config.vision().numPatches() + 1L;
        return Map.of(
                "vision_model.encoder.layers.1", new long[] {images, visionTokens, config.vision().hiddenSize()},
                "vision_model.post_layernorm", new long[] {images, config.vision().hiddenSize()},
                "text_model.encoder.layers.0.mlp.fc1", new long[] {texts, tokens, config.text().encoder().intermediateSize()},
                "text_projection", new long[] {texts, config.projectionDim()});
    }

    @Override
    protected NDManager weightsManager(HookedModel model) {
        return ((ManagedModel) model).manager();
    }
}
