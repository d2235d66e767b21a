package org.lens4j.models.janus;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.blocks.internal.ManagedModel;
import org.lens4j.models.testing.AdapterContractTest;
import org.lens4j.models.testing.Goldens;

/** The adapter contract on the {@code janus-single} checkpoint. */
class JanusContractTest extends AdapterContractTest {

    @Override
    protected Optional<Path> modelFolder() {
        return Optional.of(JanusGoldenParityTest.CASE);
    }

    @Override
    protected ModelInputs inputs(NDManager manager) {
        return Goldens.inputs(JanusGoldenParityTest.CASE, manager);
    }

    @Override
    protected Map<String, long[]> expectedShapes(ModelInputs inputs) {
        JanusConfig config = JanusConfig.from(ModelConfig.read(JanusGoldenParityTest.CASE));
        long sequence = inputs.require(ModelInputs.INPUT_IDS).getShape().get(1);
        long images = inputs.require(ModelInputs.PIXEL_VALUES).getShape().get(0);
        long tokens = config.tokensPerImage();
        long vision = config.vision().hiddenSize();
        long text = config.text().hiddenSize();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("model.vision_model.encoder.layers.1.mlp.fc1",
                new long[] {images, tokens, config.vision().intermediateSize()});
        shapes.put("model.vision_model.encoder.layers.0.self_attn.q_norm",
                new long[] {images * tokens, config.vision().numHeads(), config.vision().headSize()});
        shapes.put("model.aligner", new long[] {images, tokens, text});
        shapes.put("model.language_model.layers.1.self_attn.v_proj",
                new long[] {1, sequence, (long) config.text().numKeyValueHeads() * config.text().headSize()});
        shapes.put("model.language_model.rotary_emb", new long[] {1, sequence, config.text().headSize()});
        shapes.put("model", new long[] {1, sequence, text});
        shapes.put("lm_head", new long[] {1, sequence, config.text().vocabSize()});
        shapes.put("model.vision_model", new long[] {images, tokens, vision});
        return shapes;
    }

    @Override
    protected NDManager weightsManager(HookedModel model) {
        return ((ManagedModel) model).manager();
    }
}
