package org.lens4j.models.llavanext;

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

class LlavaNextContractTest extends AdapterContractTest {

    private static final Path FOLDER = SharedData.golden("llava_next-single");

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
        LlavaNextConfig config = LlavaNextConfig.from(ModelConfig.read(FOLDER));
        long[] size = inputs.require("image_sizes").toLongArray();
        long tiles = AnyResolution.tileCount((int) size[0], (int) size[1], config.imageGridPinpoints(),
                config.llava().vision().imageSize());
        long batch = inputs.require(ModelInputs.INPUT_IDS).getShape().get(0);
        long sequence = inputs.require(ModelInputs.INPUT_IDS).getShape().get(1);
        long text = config.llava().text().hiddenSize();
        return Map.of(
                "vision_tower.vision_model.encoder.layers.0.mlp",
                new long[] {tiles, config.llava().vision().numPatches() + 1L, config.llava().vision().hiddenSize()},
                "multi_modal_projector.linear_1", new long[] {tiles, config.llava().tokensPerImage(), text},
                "language_model.model.norm", new long[] {batch, sequence, text});
    }

    @Override
    protected NDManager weightsManager(HookedModel model) {
        return ((ManagedModel) model).manager();
    }
}
