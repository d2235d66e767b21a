package org.lens4j.models.paligemma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.CaptureResult;
import org.lens4j.models.Lens;
import org.lens4j.models.LensModel;
import org.lens4j.models.siglip.testing.GoldenCase;
import org.lens4j.models.siglip.testing.Parity;

/** PaliGemma against the reference outputs of {@code paligemma-single}, through the public API. */
class PaliGemmaGoldenParityTest {

    /** Bound on the relative L2 error per module; measured worst 2.3e-6 (vision_tower.vision_model.head.mlp). */
    static final double TOLERANCE = 1e-4;

    private static final GoldenCase CASE = GoldenCase.named("paligemma-single");

    @Test
    void everyReferenceModuleMatches() {
        Map<String, GoldenCase.Reference> references = CASE.activations();
        try (NDManager manager = LensRuntime.newManager();
                LensModel model = Lens.open(CASE.folder())) {
            CaptureResult result = model.capture(new ArrayList<>(references.keySet())).run(CASE.inputs(manager));

            Parity.assertWithin("paligemma-single", references, result, TOLERANCE);
        }
    }

    @Test
    void listedModulesEqualReferenceList() {
        assertEquals(CASE.modules(), Lens.listModules(CASE.folder()).names());
    }
}
