package org.lens4j.models.blip2;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.blip2.internal.Blip2Model;
import org.lens4j.models.testing.AdapterContractTest;
import org.lens4j.models.testing.Goldens;

/** The adapter contract on the BLIP-2 golden checkpoint. */
class Blip2ContractTest extends AdapterContractTest {

    /** Vision width, Q-Former width, OPT width and queries of the golden config. */
    private static final long VISION = 32;
    private static final long QFORMER = 32;
    private static final long TEXT = 48;
    private static final long QUERIES = 4;
    /** One class token plus (28 / 14)² patches. */
    private static final long VISION_TOKENS = 5;

    @Override
    protected Optional<Path> modelFolder() {
        return Optional.of(SharedData.golden("blip2-single"));
    }

    @Override
    protected ModelInputs inputs(NDManager manager) {
        return Goldens.inputs(modelFolder().orElseThrow(), manager);
    }

    @Override
    protected Map<String, long[]> expectedShapes(ModelInputs inputs) {
        long text = inputs.require(ModelInputs.INPUT_IDS).getShape().get(1);
        long sequence = QUERIES + text;
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("vision_model.encoder.layers.1", new long[] {1, VISION_TOKENS, VISION});
        shapes.put("qformer.encoder.layer.1.crossattention.attention.key", new long[] {1, VISION_TOKENS, QFORMER});
        shapes.put("qformer", new long[] {1, QUERIES, QFORMER});
        shapes.put("language_projection", new long[] {1, QUERIES, TEXT});
        shapes.put("language_model.model.decoder.embed_tokens", new long[] {1, text, TEXT});
        shapes.put("language_model.model.decoder.layers.1", new long[] {1, sequence, TEXT});
        shapes.put("language_model.model.decoder.layers.1.fc2", new long[] {sequence, TEXT});
        return shapes;
    }

    @Override
    protected NDManager weightsManager(HookedModel model) {
        return ((Blip2Model) model).manager();
    }
}
