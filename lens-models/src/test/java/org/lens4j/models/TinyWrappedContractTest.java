package org.lens4j.models;

import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.testing.TinyVlm;
import org.lens4j.models.testing.AdapterContractTest;

/** The contract on a model built in code and wrapped with {@link Lens#wrap(HookedModel)}. */
class TinyWrappedContractTest extends AdapterContractTest {

    @Override
    protected LensModel openModel() {
        return Lens.wrap(new TinyVlm(11));
    }

    @Override
    protected ModelInputs inputs(NDManager manager) {
        return TinyVlm.sampleInputs(manager);
    }

    @Override
    protected Map<String, long[]> expectedShapes(ModelInputs inputs) {
        long sequence = inputs.require(ModelInputs.INPUT_IDS).getShape().get(1);
        long patches = inputs.require(ModelInputs.PIXEL_VALUES).getShape().get(0);
        return Map.of(
                "vision.norm", new long[] {patches, TinyVlm.HIDDEN},
                "layers.1", new long[] {1, sequence, TinyVlm.HIDDEN},
                "norm", new long[] {1, sequence, TinyVlm.HIDDEN},
                "head", new long[] {1, 2});
    }

    @Override
    protected NDManager weightsManager(HookedModel model) {
        return ((TinyVlm) model).manager();
    }
}
