package org.lens4j.models.siglip.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.lens4j.core.capture.CaptureResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares captures with reference outputs by the relative L2 error
 * {@code ‖out − ref‖₂ / ‖ref‖₂}, one module at a time.
 */
public final class Parity {

    private static final Logger LOG = LoggerFactory.getLogger(Parity.class);

    private Parity() {
    }

    /**
     * Asserts that every reference module was captured with the reference's shape and lies within
     * {@code tolerance}. Logs the worst module, and fails listing each failing module with its shape,
     * the first element whose error exceeds {@code tolerance} times the reference's RMS, the expected
     * and the actual value there.
     */
    public static void assertWithin(String caseName, Map<String, GoldenCase.Reference> references,
            CaptureResult result, double tolerance) {
        List<String> failures = new ArrayList<>();
        String worstModule = null;
        double worstError = -1;
        for (Map.Entry<String, GoldenCase.Reference> entry : references.entrySet()) {
            String module = entry.getKey();
            GoldenCase.Reference reference = entry.getValue();
            long[] shape = result.capture(module, 0).shape();
            if (!Arrays.equals(shape, reference.shape())) {
                failures.add(module + ": shape " + Arrays.toString(shape) + ", expected "
                        + Arrays.toString(reference.shape()));
                continue;
            }
            float[] actual = result.get(module, 0).data().asFloat();
            double error = relativeError(actual, reference.values());
            if (error > worstError) {
                worstError = error;
                worstModule = module;
            }
            if (!(error <= tolerance)) {
                failures.add(describe(module, reference, actual, error, tolerance));
            }
        }
        LOG.info("{}: {} modules compared, worst relative error {} at {}", caseName, references.size(),
                worstError, worstModule);
        if (!failures.isEmpty()) {
            fail(caseName + ": " + failures.size() + " of " + references.size() + " modules exceed relative error "
                    + tolerance + " (worst " + worstError + " at " + worstModule + "):\n  "
                    + String.join("\n  ", failures));
        }
    }

    /** Returns {@code ‖actual − expected‖₂ / ‖expected‖₂}. */
    public static double relativeError(float[] actual, float[] expected) {
        double difference = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = (double) actual[i] - expected[i];
            difference += d * d;
            norm += (double) expected[i] * expected[i];
        }
        return Math.sqrt(difference) / Math.sqrt(norm);
    }

    private static String describe(String module, GoldenCase.Reference reference, float[] actual, double error,
            double tolerance) {
        float[] expected = reference.values();
        double rms = 0;
        for (float value : expected) {
            rms += (double) value * value;
        }
        rms = Math.sqrt(rms / expected.length);
        int first = 0;
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= tolerance * rms)) {
                first = i;
                break;
            }
        }
        return module + " " + Arrays.toString(reference.shape()) + ": relative error " + error
                + ", first failing index " + first + " expected " + expected[first] + " actual " + actual[first];
    }
}
