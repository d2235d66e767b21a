package org.lens4j.models.ayavision;

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

class AyaVisionContractTest extends AdapterContractTest {

    private static final Path FOLDER = SharedData.golden("aya_vision-single");

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
        AyaVisionConfig config = AyaVisionConfig.from(ModelConfig.read(FOLDER));
        long batch = inputs.require(ModelInputs.INPUT_IDS).getShape().get(0);
        long sequence = inputs.require(ModelInputs.INPUT_IDS).getShape().get(1);
        long images = inputs.require(ModelInputs.PIXEL_VALUES).getShape().get(0);
        long side = config.vision().patchesPerSide() / config.downsampleFactor();
        long text = config.text().hiddenSize();
        return Map.of(
                "vision_tower.vision_model.encoder.layers.1",
                new long[] {images, config.vision().numPatches(), config.vision().hiddenSize()},
                "multi_modal_projector", new long[] {images, side, side, text},
                "language_model.model.layers.1", new long[] {batch, sequence, text},
                "language_model.model.layers.0.self_attn.k_proj",
                new long[] {batch, sequence, (long) config.text().numKeyValueHeads() * config.text().headDim()},
                "language_model.lm_head", new long[] {batch, sequence, config.text().vocabSize()});
    }

    @Override
    protected NDManager weightsManager(HookedModel model) {
        return ((ManagedModel) model).manager();
    }
}
