package org.lens4j.probe.model.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.lens4j.probe.model.Activation;

class NetworkGradientTest {

    /** Relative agreement of backpropagation and central differences in float32; measured 9.2e-5. */
    private static final double GRADIENT_TOLERANCE = 2e-3;

    /** Step of the central differences. */
    private static final float STEP = 1e-2f;

    @ParameterizedTest(name = "{0}, {1} outputs")
    @CsvSource({"RELU, 1", "RELU, 3", "GELU, 1", "GELU, 3"})
    void backpropagationMatchesFiniteDifferences(Activation activation, int outputs) {
        SplittableRandom random = new SplittableRandom(21);
        int rows = 6;
        int inputs = 3;
        float[] x = new float[rows * inputs];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (2 * random.nextDouble() - 1);
        }
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = random.nextInt(outputs == 1 ? 2 : outputs);
        }
        Network network = Network.create(inputs, new int[] {5, 4}, outputs, activation, random);

        Network.Pass pass = network.forward(x, rows, 0, null);
        float[] dLogits = new float[pass.logits().length];
        Loss.mean(pass.logits(), outputs, y, dLogits);
        List<float[]> gradients = network.backward(pass, dLogits);

        List<float[]> parameters = network.parameters();
        for (int p = 0; p < parameters.size(); p++) {
            float[] theta = parameters.get(p);
            for (int i = 0; i < theta.length; i++) {
                float saved = theta[i];
                theta[i] = saved + STEP;
                double up = loss(network, x, rows, outputs, y);
                theta[i] = saved - STEP;
                double down = loss(network, x, rows, outputs, y);
                theta[i] = saved;
                double numeric = (up - down) / (2 * STEP);
                double scale = Math.max(1e-2, Math.abs(numeric));
                assertEquals(numeric / scale, gradients.get(p)[i] / scale, GRADIENT_TOLERANCE,
                        "parameter " + p + " entry " + i);
            }
        }
    }

    @Test
    void geluMatchesNormalDistribution() {
        // Φ(1) and Φ(−0.5), printed by scipy 1.10.1:
        // /usr/bin/python3 -c "from scipy.stats import norm; print(repr(norm.cdf(1.0)), repr(norm.cdf(-0.5)))"
        // The erfc fit is accurate to 1.2e-7 relative.
        assertEquals(0.8413447460685429, Gelu.value(1.0), 2e-7);
        assertEquals(-0.5 * 0.3085375387259869, Gelu.value(-0.5), 2e-7);
    }

    @Test
    void geluDerivativeMatchesFiniteDifference() {
        for (double x = -4; x <= 4; x += 0.25) {
            double numeric = (Gelu.value(x + 1e-5) - Gelu.value(x - 1e-5)) / 2e-5;
            assertEquals(numeric, Gelu.derivative(x), 1e-5, "x = " + x);
        }
    }

    private static double loss(Network network, float[] x, int rows, int outputs, int[] y) {
        Network.Pass pass = network.forward(x, rows, 0, null);
        return Loss.mean(pass.logits(), outputs, y, null);
    }
}
