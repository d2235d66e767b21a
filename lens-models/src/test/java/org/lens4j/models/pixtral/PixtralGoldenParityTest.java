package org.lens4j.models.pixtral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.Capture;
import org.lens4j.core.capture.CaptureResult;
import org.lens4j.core.pool.PoolingSpec;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.Lens;
import org.lens4j.models.LensModel;
import org.lens4j.models.testing.Goldens;
import org.lens4j.models.testing.Parity;
import org.lens4j.models.testing.RecordingHooks;

/**
 * Golden parity of Pixtral in the transformers layout through the public API: open the golden
 * folder, capture every module the reference recorded, compare each with the relative L2 error.
 */
class PixtralGoldenParityTest {

    /**
     * The goldens' bound. Measured on CPU (libtorch 2.7.1, float32): worst module 7.1e-7 in both
     * layouts (the first vision layer's down projection).
     */
    static final double TOLERANCE = 1e-4;

    static final String CASE = "pixtral-single";

    @Test
    void everyRecordedModuleMatchesGolden() {
        Path dir = SharedData.golden(CASE);
        Map<String, RecordingHooks.Tensor> golden = Goldens.activations(dir);

        CaptureResult result;
        try (LensModel model = openGolden(); NDManager manager = LensRuntime.newManager()) {
            result = model.capture(new ArrayList<>(golden.keySet())).pooling(PoolingSpec.NONE)
                    .run(Goldens.inputs(dir, manager));
        }

        String worst = "";
        double worstError = 0;
        for (Map.Entry<String, RecordingHooks.Tensor> entry : golden.entrySet()) {
            double error = compare(entry.getKey(), result.capture(entry.getKey()), entry.getValue());
            if (error >= worstError) {
                worst = entry.getKey();
                worstError = error;
            }
        }
        System.out.printf("pixtral golden parity: %d modules, worst %s with relative error %.3e%n", golden.size(),
                worst, worstError);
    }

    /**
     * Opens the golden with the Pixtral adapter named explicitly: its config has model_type
     * {@code llava}, which the LLaVA adapter accepts as well.
     */
    static LensModel openGolden() {
        return Lens.loader().setFolder(SharedData.golden(CASE)).optAdapter(PixtralAdapter.ID).build();
    }

    /** Asserts shape and relative error; returns the error. */
    static double compare(String module, Capture capture, RecordingHooks.Tensor golden) {
        assertArrayEquals(golden.shape(), capture.shape(), module + " shape");
        float[] actual = capture.data().dup().data().asFloat();
        double error = Parity.relativeError(actual, golden.values(), null);
        assertTrue(error <= TOLERANCE, () -> "relative error " + error + " > " + TOLERANCE + "; "
                + Parity.firstMismatch(module, golden.shape(), actual, golden.values(), null));
        return error;
    }

    /** Returns the golden's module names in file order. */
    static List<String> recordedModules() {
        return new ArrayList<>(Goldens.activations(SharedData.golden(CASE)).keySet());
    }
}
