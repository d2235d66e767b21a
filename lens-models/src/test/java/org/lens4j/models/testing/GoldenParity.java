package org.lens4j.models.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.Capture;
import org.lens4j.core.capture.CaptureResult;
import org.lens4j.core.checkpoint.Checkpoint;
import org.lens4j.core.checkpoint.SafetensorsCheckpoint;
import org.lens4j.models.Lens;
import org.lens4j.models.LensModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Compares captured outputs with a golden {@code activations.safetensors}. */
public final class GoldenParity {

    private static final Logger LOG = LoggerFactory.getLogger(GoldenParity.class);

    private GoldenParity() {
    }

    /**
     * The worst module of a comparison.
     *
     * @param module its name
     * @param relativeError {@code ‖out − ref‖₂ / ‖ref‖₂}
     */
    public record Worst(String module, double relativeError) {
    }

    /**
     * Asserts that every golden module was captured exactly once, with the golden shape, within
     * {@code tolerance} relative L2 error; returns the worst module.
     */
    public static Worst assertMatches(String caseName, Checkpoint golden, Map<String, List<OutputRecorder.Recorded>> outputs,
            double tolerance) {
        Worst worst = new Worst("", 0.0);
        for (String module : golden.names()) {
            List<OutputRecorder.Recorded> calls = outputs.get(module);
            assertTrue(calls != null, caseName + ": module '" + module + "' was never reported to the hooks");
            assertEquals(1, calls.size(), caseName + ": module '" + module + "' was reported " + calls.size() + " times");
            OutputRecorder.Recorded actual = calls.get(0);
            long[] expectedShape = golden.info(module).shape();
            assertArrayEquals(expectedShape, actual.shape(), caseName + ": shape of '" + module + "' expected "
                    + Arrays.toString(expectedShape) + " but was " + Arrays.toString(actual.shape()));
            float[] expected = golden.readFloats(module);
            double error = relativeError(actual.values(), expected);
            if (!(error <= tolerance)) {
                fail(describeFailure(caseName, module, expectedShape, actual.values(), expected, error, tolerance));
            }
            if (error > worst.relativeError()) {
                worst = new Worst(module, error);
            }
        }
        LOG.info("{}: {} modules match; worst {} with relative error {}", caseName, golden.names().size(),
                worst.module(), String.format("%.3e", worst.relativeError()));
        return worst;
    }

    /**
     * Opens {@code folder} through {@link Lens}, captures every golden module unpooled on the golden
     * inputs, and asserts each capture within {@code tolerance}; returns the worst module.
     */
    public static Worst assertLensMatches(String caseName, Path folder, double tolerance) {
        try (Checkpoint inputFile = SafetensorsCheckpoint.open(folder.resolve("inputs.safetensors"));
                Checkpoint golden = SafetensorsCheckpoint.open(folder.resolve("activations.safetensors"));
                NDManager manager = LensRuntime.newManager();
                LensModel model = Lens.open(folder)) {
            CaptureResult result = model.capture(new ArrayList<>(golden.names()))
                    .run(GoldenInputs.read(inputFile, manager));

            Map<String, List<OutputRecorder.Recorded>> outputs = new LinkedHashMap<>();
            for (Capture capture : result.captures()) {
                float[] values = capture.data().dup().reshape(-1).toFloatVector();
                outputs.computeIfAbsent(capture.module(), key -> new ArrayList<>())
                        .add(new OutputRecorder.Recorded(capture.shape(), values));
            }
            return assertMatches(caseName + " through Lens", golden, outputs, tolerance);
        }
    }

    /** Returns {@code ‖actual − expected‖₂ / ‖expected‖₂} (the absolute error when the reference is 0). */
    public static double relativeError(float[] actual, float[] expected) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = (double) actual[i] - expected[i];
            diff += d * d;
            norm += (double) expected[i] * expected[i];
        }
        return norm == 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
    }

    private static String describeFailure(String caseName, String module, long[] shape, float[] actual,
            float[] expected, double error, double tolerance) {
        // An element fails when its error exceeds the tolerated RMS error of the whole tensor.
        double norm = 0;
        for (float value : expected) {
            norm += (double) value * value;
        }
        double elementBound = tolerance * Math.sqrt(norm / expected.length);
        int index = 0;
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs((double) actual[i] - expected[i]) <= elementBound)) {
                index = i;
                break;
            }
        }
        return String.format("%s: module '%s' shape %s relative error %.3e > %.1e; first failing flat index %d"
                        + " (%s): expected %s, actual %s", caseName, module, Arrays.toString(shape), error, tolerance,
                index, Arrays.toString(unravel(index, shape)), expected[index], actual[index]);
    }

    private static long[] unravel(int flat, long[] shape) {
        long[] index = new long[shape.length];
        long rest = flat;
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            index[axis] = rest % shape[axis];
            rest /= shape[axis];
        }
        return index;
    }
}
