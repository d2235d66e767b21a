package org.lens4j.probe.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class McNemarTestTest {

    /** Agreement required with statsmodels 0.13.5; the largest difference measured is 1.8e-15. */
    private static final double REFERENCE_TOLERANCE = 1e-10;

    // Each row: b, c, statistic, p-value from
    // /usr/bin/python3 -c "from statsmodels.stats.contingency_tables import mcnemar;
    //   r = mcnemar([[0, b], [c, 0]], exact=True); print(repr(r.statistic), repr(r.pvalue))"
    @ParameterizedTest(name = "b={0}, c={1}")
    @CsvSource({
        "3, 12, 3.0, 0.03515625",
        "5, 5, 5.0, 1.0",
        "0, 7, 0.0, 0.015625",
        "10, 14, 10.0, 0.5412561893463135",
        "1, 0, 0.0, 1.0"})
    void exactMatchesStatsmodels(int b, int c, double statistic, double pValue) {
        McNemarResult result = McNemarTest.withDefaults().test(b, c);

        assertEquals(McNemarTest.Method.EXACT, result.method());
        assertEquals(statistic, result.statistic(), REFERENCE_TOLERANCE);
        assertEquals(pValue, result.pValue(), REFERENCE_TOLERANCE);
    }

    // Each row: b, c, statistic, p-value from
    // /usr/bin/python3 -c "from statsmodels.stats.contingency_tables import mcnemar;
    //   r = mcnemar([[0, b], [c, 0]], exact=False, correction=True);
    //   print(repr(r.statistic), repr(r.pvalue))"
    @ParameterizedTest(name = "b={0}, c={1}")
    @CsvSource({
        "20, 35, 3.5636363636363635, 0.059058229090536506",
        "40, 18, 7.603448275862069, 0.005825677828368395",
        "30, 31, 0.0, 1.0",
        "100, 60, 9.50625, 0.002047732153668759"})
    void correctedChiSquaredMatchesStatsmodels(int b, int c, double statistic, double pValue) {
        McNemarResult result = McNemarTest.withDefaults().test(b, c);

        assertEquals(McNemarTest.Method.CHI_SQUARED, result.method());
        assertTrue(result.continuityCorrection());
        assertEquals(statistic, result.statistic(), REFERENCE_TOLERANCE);
        assertEquals(pValue, result.pValue(), REFERENCE_TOLERANCE);
    }

    // Each row: b, c, statistic, p-value from the same command with correction=False.
    @ParameterizedTest(name = "b={0}, c={1}")
    @CsvSource({
        "20, 35, 4.090909090909091, 0.043114446783075445",
        "40, 18, 8.344827586206897, 0.0038678686666597005",
        "30, 31, 0.01639344262295082, 0.898119787253741",
        "100, 60, 10.0, 0.001565402258002549"})
    void uncorrectedChiSquaredMatchesStatsmodels(int b, int c, double statistic,
            double pValue) {
        McNemarResult result = McNemarTest.withDefaults()
                .withContinuityCorrection(false).test(b, c);

        assertEquals(statistic, result.statistic(), REFERENCE_TOLERANCE);
        assertEquals(pValue, result.pValue(), REFERENCE_TOLERANCE);
    }

    @Test
    void autoSwitchesToChiSquaredAtThreshold() {
        McNemarTest test = McNemarTest.withDefaults();

        assertEquals(McNemarTest.Method.EXACT, test.test(10, 14).method());
        assertEquals(McNemarTest.Method.CHI_SQUARED, test.test(10, 15).method());
    }

    @Test
    void thresholdIsConfigurable() {
        McNemarResult result = McNemarTest.withDefaults().withExactThreshold(100).test(40, 18);

        assertEquals(McNemarTest.Method.EXACT, result.method());
    }

    @Test
    void correctedStatisticIsClampedWhenCountsAreEqual() {
        // (|b - c| - 1)^2 would be 1; clamping |b - c| - 1 at 0 gives 0 and p = 1.
        McNemarResult result = McNemarTest.withDefaults()
                .withMethod(McNemarTest.Method.CHI_SQUARED).test(30, 30);

        assertEquals(0.0, result.statistic());
        assertEquals(1.0, result.pValue());
    }

    @Test
    void noDiscordantPairsGivesPValueOne() {
        assertEquals(1.0, McNemarTest.withDefaults().test(0, 0).pValue());
        assertEquals(1.0, McNemarTest.withDefaults()
                .withMethod(McNemarTest.Method.CHI_SQUARED).test(0, 0).pValue());
    }

    @Test
    void predictionsAreCountedIntoDiscordantPairs() {
        int[] labels = {0, 1, 0, 1, 0, 1, 0, 1};
        int[] first = {0, 1, 0, 1, 0, 0, 1, 1};
        int[] second = {1, 1, 1, 0, 0, 1, 1, 1};

        McNemarResult result = McNemarTest.withDefaults().test(labels, first, second);

        // Item by item: first only right at 0, 2, 3; second only right at 5; both wrong at 6.
        assertEquals(3, result.firstOnlyCorrect());
        assertEquals(1, result.secondOnlyCorrect());
        assertEquals(4, result.discordantPairs());
    }

    @Test
    void differentLengthsAreRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> McNemarTest.withDefaults().test(new boolean[3], new boolean[4]));

        assertTrue(error.getMessage().contains("3 items"), error.getMessage());
        assertTrue(error.getMessage().contains("4"), error.getMessage());
    }

    @Test
    void emptyInputIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> McNemarTest.withDefaults().test(new int[0], new int[0], new int[0]));

        assertTrue(error.getMessage().contains("empty"), error.getMessage());
    }

    @Test
    void negativeCountIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> McNemarTest.withDefaults().test(-1, 3));

        assertTrue(error.getMessage().contains("firstOnlyCorrect"), error.getMessage());
    }

    @Test
    void autoIsNotAResultMethod() {
        assertThrows(IllegalArgumentException.class,
                () -> new McNemarResult(0, 1, 0, 0, McNemarTest.Method.AUTO, false));
    }
}
