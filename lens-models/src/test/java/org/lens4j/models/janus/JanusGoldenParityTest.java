package org.lens4j.models.janus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.Capture;
import org.lens4j.core.capture.CaptureResult;
import org.lens4j.core.checkpoint.Checkpoint;
import org.lens4j.core.checkpoint.SafetensorsCheckpoint;
import org.lens4j.core.pool.Pooling;
import org.lens4j.core.pool.TokenSubset;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.Lens;
import org.lens4j.models.LensModel;
import org.lens4j.models.testing.GoldenParity;
import org.lens4j.models.testing.Goldens;
import org.lens4j.models.testing.OutputRecorder;

/** Janus against the reference outputs of {@code janus-single}, through the public API. */
class JanusGoldenParityTest {

    /** Relative L2 bound per module; measured worst 6.3e-7 (model.vision_model.encoder.layers.0.mlp, f32 CPU). */
    static final double TOLERANCE = 1e-4;

    static final Path CASE = SharedData.golden("janus-single");

    private static final String POST_LAYERNORM = "model.vision_model.post_layernorm";

    @Test
    void everyReferenceModuleMatches() {
        try (Checkpoint golden = SafetensorsCheckpoint.open(CASE.resolve("activations.safetensors"));
                NDManager manager = LensRuntime.newManager();
                LensModel model = Lens.open(CASE)) {
            CaptureResult result = model.capture(new ArrayList<>(golden.names())).run(Goldens.inputs(CASE, manager));

            // The reference records each module's first call, so only call 0 is compared.
            Map<String, List<OutputRecorder.Recorded>> firstCalls = new LinkedHashMap<>();
            for (String module : golden.names()) {
                Capture first = result.capture(module, 0);
                firstCalls.put(module, List.of(new OutputRecorder.Recorded(first.shape(), first.data().data().asFloat())));
            }
            GoldenParity.assertMatches("janus-single through Lens", golden, firstCalls, TOLERANCE);
        }
    }

    @Test
    void listedModulesEqualReferenceList() throws IOException {
        assertEquals(Goldens.moduleNames(CASE), Lens.listModules(CASE).names());
    }

    @Test
    void postLayerNormRunsTwice() {
        try (NDManager manager = LensRuntime.newManager();
                LensModel model = Lens.open(CASE)) {
            CaptureResult result = model.capture(POST_LAYERNORM).run(Goldens.inputs(CASE, manager));

            List<Capture> calls = result.calls(POST_LAYERNORM);
            assertEquals(2, calls.size());
            assertArrayEquals(new long[] {1, 4, 32}, calls.get(0).shape());
            assertArrayEquals(new long[] {1, 32}, calls.get(1).shape());
        }
    }

    @Test
    void secondPostLayerNormCallPoolsPerImage() {
        try (NDManager manager = LensRuntime.newManager();
                LensModel model = Lens.open(CASE)) {
            CaptureResult result = model.capture(POST_LAYERNORM)
                    .pooling(Pooling.MEAN, TokenSubset.ALL)
                    .run(Goldens.inputs(CASE, manager));

            assertArrayEquals(new long[] {1, 32}, result.get(POST_LAYERNORM, 0).shape());
            assertArrayEquals(new long[] {1, 32}, result.get(POST_LAYERNORM, 1).shape());
            assertArrayEquals(new int[][] {{0, 1}}, result.capture(POST_LAYERNORM, 1).imageRanges());
        }
    }
}
