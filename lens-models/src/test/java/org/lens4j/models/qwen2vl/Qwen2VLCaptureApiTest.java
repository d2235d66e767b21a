package org.lens4j.models.qwen2vl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.CaptureResult;
import org.lens4j.core.pool.PoolingSpec;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.Lens;
import org.lens4j.models.LensModel;
import org.lens4j.models.testing.Goldens;
import org.lens4j.models.testing.Parity;
import org.lens4j.models.testing.RecordingHooks;

/** The golden parity check through the public API: Lens.open → capture without pooling → ND4J arrays. */
class Qwen2VLCaptureApiTest {

    /** The goldens' bound; the same captures through the internal hooks measure at most 1.1e-6. */
    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"qwen2_vl-single", "qwen2_vl-bf16-sharded", "qwen2_5_vl-single"})
    void everyCapturedModuleMatchesGolden(String name) {
        Path dir = SharedData.golden(name);
        Map<String, RecordingHooks.Tensor> golden = Goldens.activations(dir);

        CaptureResult result = captureAll(dir);

        assertEquals(golden.keySet(), result.modules());
        assertModulesMatch(golden, result, golden.keySet());
    }

    /**
     * Compares the vision modules and the embedding only: the reference recorded this case's decoder
     * with positions left over from an earlier call (see QwenVLGoldenParityTest).
     */
    @Test
    void leftPadVisionModulesMatchGolden() {
        Path dir = SharedData.golden("qwen2_vl-batch-leftpad");
        Map<String, RecordingHooks.Tensor> golden = Goldens.activations(dir);

        CaptureResult result = captureAll(dir);

        Set<String> compared = golden.keySet().stream()
                .filter(m -> m.startsWith("visual") || m.equals("model.embed_tokens")).collect(Collectors.toSet());
        assertEquals(41, compared.size());
        assertModulesMatch(golden, result, compared);
    }

    private static CaptureResult captureAll(Path dir) {
        try (LensModel model = Lens.open(dir); NDManager manager = LensRuntime.newManager()) {
            return model.capture("**").pooling(PoolingSpec.NONE).run(Goldens.inputs(dir, manager));
        }
    }

    private static void assertModulesMatch(Map<String, RecordingHooks.Tensor> golden, CaptureResult result,
            Set<String> modules) {
        for (String module : modules) {
            RecordingHooks.Tensor expected = golden.get(module);
            float[] actual = result.get(module).dup().data().asFloat();
            assertArrayEquals(expected.shape(), result.capture(module).shape(), module);
            double error = Parity.relativeError(actual, expected.values(), null);
            assertTrue(error <= TOLERANCE, module + ": relative error " + error);
        }
    }
}
