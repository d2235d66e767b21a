package org.lens4j.models.janus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.Capture;
import org.lens4j.core.capture.CaptureResult;
import org.lens4j.models.Lens;
import org.lens4j.models.LensModel;
import org.lens4j.models.siglip.testing.GoldenCase;
import org.lens4j.models.siglip.testing.Parity;

/** Janus against the reference outputs of {@code janus-single}, through the public API. */
class JanusGoldenParityTest {

    /** Bound on the relative L2 error per module; measured worst 6.3e-7 (model.vision_model.encoder.layers.0.mlp). */
    static final double TOLERANCE = 1e-4;

    private static final GoldenCase CASE = GoldenCase.named("janus-single");

    @Test
    void everyReferenceModuleMatches() {
        Map<String, GoldenCase.Reference> references = CASE.activations();
        try (NDManager manager = LensRuntime.newManager();
                LensModel model = Lens.open(CASE.folder())) {
            CaptureResult result = model.capture(new ArrayList<>(references.keySet())).run(CASE.inputs(manager));

            Parity.assertWithin("janus-single", references, result, TOLERANCE);
        }
    }

    @Test
    void listedModulesEqualReferenceList() {
        assertEquals(CASE.modules(), Lens.listModules(CASE.folder()).names());
    }

    @Test
    void postLayerNormRunsTwice() {
        try (NDManager manager = LensRuntime.newManager();
                LensModel model = Lens.open(CASE.folder())) {
            CaptureResult result = model.capture("model.vision_model.post_layernorm").run(CASE.inputs(manager));

            List<Capture> calls = result.calls("model.vision_model.post_layernorm");
            assertEquals(2, calls.size());
            assertArrayEquals(new long[] {1, 4, 32}, calls.get(0).shape());
            assertArrayEquals(new long[] {1, 32}, calls.get(1).shape());
            assertTrue(calls.get(1).imageRanges().length == 1, "one row range per image");
        }
    }
}
