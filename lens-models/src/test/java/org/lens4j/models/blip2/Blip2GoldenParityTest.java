package org.lens4j.models.blip2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.Capture;
import org.lens4j.core.capture.CaptureResult;
import org.lens4j.core.checkpoint.SafetensorsCheckpoint;
import org.lens4j.core.pool.PoolingSpec;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.Lens;
import org.lens4j.models.LensModel;
import org.lens4j.models.testing.Goldens;
import org.lens4j.models.testing.Parity;
import org.lens4j.models.testing.RecordingHooks;

/**
 * Golden parity of BLIP-2 through the public API: open the golden folder, capture every module the
 * reference recorded, compare each with the relative L2 error.
 */
class Blip2GoldenParityTest {

    /**
     * The goldens' bound. Measured on CPU (libtorch 2.7.1, float32): worst module 3.7e-7
     * ({@code language_model.model.decoder.layers.1.fc2}), {@code post_layernorm} call 1 1.6e-7.
     */
    private static final double TOLERANCE = 1e-4;

    private static final String CASE = "blip2-single";
    private static final String POST_LAYERNORM = "vision_model.post_layernorm";
    /** nn.LayerNorm's eps in Blip2VisionConfig's default, which the golden config keeps. */
    private static final double VISION_EPS = 1e-6;

    @Test
    void everyRecordedModuleMatchesGolden() {
        Path dir = SharedData.golden(CASE);
        Map<String, RecordingHooks.Tensor> golden = Goldens.activations(dir);

        CaptureResult result = capture(dir, new ArrayList<>(golden.keySet()));

        String worst = "";
        double worstError = 0;
        for (Map.Entry<String, RecordingHooks.Tensor> entry : golden.entrySet()) {
            double error = compare(entry.getKey(), result.capture(entry.getKey(), 0), entry.getValue());
            if (error >= worstError) {
                worst = entry.getKey();
                worstError = error;
            }
        }
        System.out.printf("blip2 golden parity: %d modules, worst %s with relative error %.3e%n", golden.size(),
                worst, worstError);
    }

    /**
     * Call 1 of {@code post_layernorm} is the pooled output: the same LayerNorm applied again to the
     * class-token row of call 0. The golden contains call 0 only, so call 1 is compared with that
     * formula evaluated in double precision on the golden's call 0, with the checkpoint's weight
     * and bias.
     */
    @Test
    void postLayernormSecondCallNormalisesClassToken() {
        Path dir = SharedData.golden(CASE);
        RecordingHooks.Tensor first = Goldens.activations(dir).get(POST_LAYERNORM);
        float[] weight;
        float[] bias;
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
            weight = checkpoint.readFloats(POST_LAYERNORM + ".weight");
            bias = checkpoint.readFloats(POST_LAYERNORM + ".bias");
        }
        int width = weight.length;
        float[] expected = layerNorm(Arrays.copyOf(first.values(), width), weight, bias, VISION_EPS);

        CaptureResult result = capture(dir, List.of(POST_LAYERNORM));

        assertEquals(2, result.calls(POST_LAYERNORM).size());
        double error = compare(POST_LAYERNORM + "#1", result.capture(POST_LAYERNORM, 1),
                new RecordingHooks.Tensor(expected, new long[] {1, width}));
        System.out.printf("blip2 post_layernorm call 1: relative error %.3e%n", error);
    }

    private static CaptureResult capture(Path dir, List<String> modules) {
        try (LensModel model = Lens.open(dir); NDManager manager = LensRuntime.newManager()) {
            return model.capture(modules).pooling(PoolingSpec.NONE).run(Goldens.inputs(dir, manager));
        }
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

    private static float[] layerNorm(float[] x, float[] weight, float[] bias, double eps) {
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean /= x.length;
        double variance = 0;
        for (float v : x) {
            variance += (v - mean) * (v - mean);
        }
        variance /= x.length;
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) ((x[i] - mean) / Math.sqrt(variance + eps) * weight[i] + bias[i]);
        }
        return out;
    }
}
