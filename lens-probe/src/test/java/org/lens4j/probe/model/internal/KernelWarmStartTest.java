package org.lens4j.probe.model.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KernelWarmStartTest {

    // Reconstruction of a 60 x 60 Gram matrix of rank 12 in double precision: measured below 1e-12.
    private static final double RECONSTRUCTION_TOLERANCE = 1e-9;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void lowRankGramDecomposesExactly(long seed) {
        int n = 60;
        int d = 12;
        Random random = new Random(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = random.nextGaussian();
            }
        }
        double[] gram = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += x[i][k] * x[j][k];
                }
                gram[i * n + j] = dot;
            }
        }

        double[] rebuilt = new KernelWarmStart(gram, n, 1.0).reconstructGram();

        double worst = 0;
        for (int i = 0; i < gram.length; i++) {
            worst = Math.max(worst, Math.abs(rebuilt[i] - gram[i]));
        }
        assertEquals(0.0, worst, RECONSTRUCTION_TOLERANCE, "seed " + seed);
    }
}
