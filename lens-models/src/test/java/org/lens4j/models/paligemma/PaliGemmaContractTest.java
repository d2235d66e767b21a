package org.lens4j.models.paligemma;

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

/** The adapter contract on the {@code paligemma-single} checkpoint. */
class PaliGemmaContractTest extends AdapterContractTest {

    @Override
    protected Optional<Path> modelFolder() {
        return Optional.of(PaliGemmaGoldenParityTest.CASE);
    }

    @Override
    protected ModelInputs inputs(NDManager manager) {
        return Goldens.inputs(PaliGemmaGoldenParityTest.CASE, manager);
    }

    @Override
    protected Map<String, long[]> expectedShapes(ModelInputs inputs) {
        PaliGemmaConfig config = PaliGemmaConfig.from(ModelConfig.read(PaliGemmaGoldenParityTest.CASE));
        long sequence = inputs.require(ModelInputs.INPUT_IDS).getShape().get(1);
        long images = inputs.require(ModelInputs.PIXEL_VALUES).getShape().get(0);
        long tokens = config.tokensPerImage();
        long text = config.text().hiddenSize();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("vision_tower.vision_model.encoder.layers.1", new long[] {images, tokens, config.vision().hiddenSize()});
        shapes.put("vision_tower.vision_model.head", new long[] {images, config.vision().hiddenSize()});
        shapes.put("multi_modal_projector.linear", new long[] {images, tokens, text});
        shapes.put("language_model.model.layers.1.self_attn.k_proj",
                new long[] {1, sequence, (long) config.text().numKeyValueHeads() * config.text().headSize()});
        shapes.put("language_model.model.layers.0.self_attn.rotary_emb",
                new long[] {1, sequence, config.text().headSize()});
        shapes.put("language_model.model.norm", new long[] {1, sequence, text});
        shapes.put("language_model.lm_head", new long[] {1, sequence, config.text().vocabSize()});
        return shapes;
    }

    @Override
    protected NDManager weightsManager(HookedModel model) {
        return ((ManagedModel) model).manager();
    }
}
