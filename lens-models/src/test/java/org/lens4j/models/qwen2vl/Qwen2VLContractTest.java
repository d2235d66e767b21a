package org.lens4j.models.qwen2vl;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.qwen2vl.internal.QwenVLModel;
import org.lens4j.models.testing.AdapterContractTest;
import org.lens4j.models.testing.Goldens;

/** The adapter contract on the tiny Qwen2-VL checkpoint: grid 1 × 4 × 6, 13 tokens, widths 32 and 48. */
class Qwen2VLContractTest extends AdapterContractTest {

    @Override
    protected Optional<Path> modelFolder() {
        return Optional.of(SharedData.golden("qwen2_vl-single"));
    }

    @Override
    protected ModelInputs inputs(NDManager manager) {
        return Goldens.inputs(modelFolder().orElseThrow(), manager);
    }

    @Override
    protected Map<String, long[]> expectedShapes(ModelInputs inputs) {
        long sequence = inputs.require(ModelInputs.INPUT_IDS).getShape().get(1);
        return Map.of(
                "visual.blocks.2.norm2", new long[] {24, 32},
                "visual.merger.mlp.2", new long[] {6, 48},
                "model.layers.1.post_attention_layernorm", new long[] {1, sequence, 48},
                "lm_head", new long[] {1, sequence, 128});
    }

    @Override
    protected NDManager weightsManager(HookedModel model) {
        return ((QwenVLModel) model).manager();
    }
}
