package org.lens4j.models.paligemma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.Lens;
import org.lens4j.models.testing.GoldenParity;
import org.lens4j.models.testing.Goldens;

/** PaliGemma against the reference outputs of {@code paligemma-single}, through the public API. */
class PaliGemmaGoldenParityTest {

    /** Relative L2 bound per module; measured worst 2.3e-6 (vision_tower.vision_model.head.mlp, f32 CPU). */
    static final double TOLERANCE = 1e-4;

    static final Path CASE = SharedData.golden("paligemma-single");

    @Test
    void everyReferenceModuleMatches() {
        GoldenParity.assertLensMatches("paligemma-single", CASE, TOLERANCE);
    }

    @Test
    void listedModulesEqualReferenceList() throws IOException {
        assertEquals(Goldens.moduleNames(CASE), Lens.listModules(CASE).names());
    }
}
