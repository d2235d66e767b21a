package org.lens4j.probe.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantilesTest {

    /** Agreement required with NumPy 1.24.2; the difference measured is 0 (same arithmetic). */
    private static final double REFERENCE_TOLERANCE = 1e-10;

    private static final double[] SORTED = {0.2, 1.7, 2.2, 3.1, 4.4, 5.5, 9.0};

    // Each row: q, expected from
    // /usr/bin/python3 -c "import numpy as np;
    //   print(np.percentile([3.1, 0.2, 5.5, 1.7, 9.0, 4.4, 2.2], [2.5, 97.5, 50]))"
    @ParameterizedTest(name = "q={0}")
    @CsvSource({"0.025, 0.42500000000000004", "0.975, 8.474999999999998", "0.5, 3.1"})
    void linearMatchesNumpy(double q, double expected) {
        assertEquals(expected, Quantiles.linear(SORTED, q), REFERENCE_TOLERANCE);
    }

    @Test
    void endpointsAreMinimumAndMaximum() {
        assertEquals(0.2, Quantiles.linear(SORTED, 0.0));
        assertEquals(9.0, Quantiles.linear(SORTED, 1.0));
    }

    @Test
    void emptySampleIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Quantiles.linear(new double[0], 0.5));
    }
}
