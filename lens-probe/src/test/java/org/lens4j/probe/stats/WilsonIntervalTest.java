package org.lens4j.probe.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WilsonIntervalTest {

    /** Agreement required with statsmodels 0.13.5; the largest difference measured is 1.1e-16. */
    private static final double REFERENCE_TOLERANCE = 1e-10;

    // Each row: successes, trials, level, lower, upper from
    // /usr/bin/python3 -c "from statsmodels.stats.proportion import proportion_confint;
    //   print(proportion_confint(x, n, alpha=1 - level, method='wilson'))"
    @ParameterizedTest(name = "{0}/{1} at {2}")
    @CsvSource({
        "172, 200, 0.95, 0.8051011913429243, 0.9013301736654437",
        "0, 50, 0.95, 0.0, 0.07134759913335874",
        "50, 50, 0.95, 0.9286524008666412, 1.0",
        "1, 3, 0.95, 0.06149194472039626, 0.7923403991979523",
        "37, 120, 0.95, 0.23272736988916298, 0.39582997723800684",
        "172, 200, 0.99, 0.7851984683739285, 0.9116828540391043",
        "172, 200, 0.90, 0.8148206991998429, 0.8955693451287187"})
    void boundsMatchStatsmodels(int successes, int trials, double level, double lower,
            double upper) {
        ConfidenceInterval interval = WilsonInterval.withDefaults().withConfidenceLevel(level)
                .interval(successes, trials);

        assertEquals(lower, interval.lower(), REFERENCE_TOLERANCE);
        assertEquals(upper, interval.upper(), REFERENCE_TOLERANCE);
        assertEquals(level, interval.confidenceLevel());
    }

    @Test
    void intervalContainsAccuracy() {
        ConfidenceInterval interval = WilsonInterval.withDefaults().interval(3, 10);

        assertTrue(interval.contains(0.3), interval.toString());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, -0.5, Double.NaN})
    void invalidLevelIsRejected(double level) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> WilsonInterval.withDefaults().withConfidenceLevel(level));

        assertTrue(error.getMessage().contains("confidenceLevel"), error.getMessage());
    }

    @Test
    void zeroTrialsAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> WilsonInterval.withDefaults().interval(0, 0));

        assertTrue(error.getMessage().contains("trials"), error.getMessage());
    }

    @Test
    void successesAboveTrialsAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> WilsonInterval.withDefaults().interval(11, 10));

        assertTrue(error.getMessage().contains("successes"), error.getMessage());
    }
}
