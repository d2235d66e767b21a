package org.lens4j.probe.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.lens4j.probe.FeatureSet;
import org.lens4j.probe.TestData;
import org.lens4j.probe.split.Split;
import org.lens4j.probe.split.StratifiedGroupSplitter;

class StandardizationTest {

    @Test
    void testRowsDoNotChangeTheProbe() {
        FeatureSet data = TestData.gaussianClasses(30, 8, 3, 1.0, 17L);
        Split split = StratifiedGroupSplitter.testFraction(0.3).withSeed(2).split(data);
        float[][] shifted = new float[data.size()][];
        for (int row = 0; row < data.size(); row++) {
            shifted[row] = data.row(row);
        }
        for (int row : split.testRows()) {
            Arrays.fill(shifted[row], 1000f);
        }
        FeatureSet changed = FeatureSet.builder().setFeatures(shifted).setLabels(data.labels()).build();
        int[] targets = targetsOf(data, split.trainRows());

        FittedProbe original = ProbeTrainer.fit(LogisticProbe.withDefaults(), data, split.trainRows(), targets,
                data.labelMap(), 1L);
        FittedProbe other = ProbeTrainer.fit(LogisticProbe.withDefaults(), changed, split.trainRows(), targets,
                data.labelMap(), 1L);

        assertArrayEquals(original.coefficients()[0], other.coefficients()[0], 0.0);
        assertEquals(original.intercepts()[0], other.intercepts()[0], 0.0);
    }

    @Test
    void scalingFeaturesLeavesStandardisedProbeUnchanged() {
        FeatureSet data = TestData.gaussianClasses(30, 4, 2, 1.0, 17L);
        float[][] scaled = new float[data.size()][];
        for (int row = 0; row < data.size(); row++) {
            scaled[row] = data.row(row);
            for (int j = 0; j < scaled[row].length; j++) {
                scaled[row][j] = scaled[row][j] * 8 + 3;
            }
        }
        FeatureSet changed = FeatureSet.builder().setFeatures(scaled).setLabels(data.labels()).build();
        int[] rows = new int[data.size()];
        Arrays.setAll(rows, i -> i);
        int[] targets = targetsOf(data, rows);

        FittedProbe original = ProbeTrainer.fit(LogisticProbe.withDefaults(), data, rows, targets, data.labelMap(), 1L);
        FittedProbe other = ProbeTrainer.fit(LogisticProbe.withDefaults(), changed, rows, targets, data.labelMap(), 1L);

        // Standardisation removes the affine change; the tolerance covers float32 rounding of the scaled inputs.
        assertArrayEquals(original.coefficients()[0], other.coefficients()[0], 1e-5);
    }

    private static int[] targetsOf(FeatureSet data, int[] rows) {
        int[] targets = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            targets[i] = data.labelMap().indexOf(data.labels().get(rows[i]));
        }
        return targets;
    }
}
