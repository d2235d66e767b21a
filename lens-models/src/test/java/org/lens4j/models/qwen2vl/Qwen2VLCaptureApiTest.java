package org.lens4j.models.qwen2vl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.CaptureRequest;
import org.lens4j.core.capture.CaptureResult;
import org.lens4j.core.capture.CaptureSession;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.pool.PoolingSpec;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.ModelAdapter;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.testing.Goldens;
import org.lens4j.models.testing.Parity;
import org.lens4j.models.testing.RecordingHooks;

/** The golden parity check through the public capture API: adapter → capture session → ND4J arrays. */
class Qwen2VLCaptureApiTest {

    /** The goldens' bound; the same captures through the internal hooks measure at most 1.1e-6. */
    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"qwen2_vl-single", "qwen2_vl-bf16-sharded", "qwen2_5_vl-single"})
    void everyCapturedModuleMatchesGolden(String name) {
        Path dir = SharedData.golden(name);
        Map<String, RecordingHooks.Tensor> golden = Goldens.activations(dir);
        ModelAdapter adapter = adapterFor(ModelConfig.read(dir));

        try (HookedModel model = adapter.load(dir, LoadOptions.defaults());
             CaptureSession session = CaptureSession.open(model,
                     CaptureRequest.of("**").withPooling(PoolingSpec.NONE));
             NDManager manager = LensRuntime.newManager()) {
            CaptureResult result = session.run(Goldens.inputs(dir, manager));

            assertEquals(golden.keySet(), result.modules());
            for (Map.Entry<String, RecordingHooks.Tensor> entry : golden.entrySet()) {
                String module = entry.getKey();
                float[] actual = result.get(module).dup().data().asFloat();
                assertArrayEquals(entry.getValue().shape(), result.capture(module).shape(), module);
                double error = Parity.relativeError(actual, entry.getValue().values(), null);
                assertTrue(error <= TOLERANCE, module + ": relative error " + error);
            }
        }
    }

    private static ModelAdapter adapterFor(ModelConfig config) {
        return ServiceLoader.load(ModelAdapter.class).stream().map(ServiceLoader.Provider::get)
                .filter(a -> a.accepts(config)).findFirst()
                .orElseThrow(() -> new AssertionError("no adapter accepts " + config));
    }
}
