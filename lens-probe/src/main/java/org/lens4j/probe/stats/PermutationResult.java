package org.lens4j.probe.stats;

import java.util.Arrays;
import java.util.Objects;

/**
 * Result of a {@link PermutationTest}.
 *
 * @param statistic the statistic on the original labels (usually test accuracy)
 * @param pValue {@code (b + 1) / (m + 1)} for a one-sided alternative; twice the smaller
 *     one-sided value, capped at 1, for {@link AlternativeHypothesis#TWO_SIDED}
 * @param exceedances {@code b}: the number of permuted statistics at least as extreme as the
 *     observed one, ties included (for a two-sided test, the count of the smaller side)
 * @param permutations {@code m}, the number of label permutations
 * @param seed the seed of the permutation stream
 * @param alternative the direction tested
 * @param method what was recomputed per permutation
 * @param exchangeableUnits the number of units whose labels were shuffled: groups when group ids
 *     were given, otherwise items
 * @param nullStatistics the {@code m} permuted statistics in generation order (copied)
 */
public record PermutationResult(
        double statistic,
        double pValue,
        int exceedances,
        int permutations,
        long seed,
        AlternativeHypothesis alternative,
        PermutationTest.Method method,
        int exchangeableUnits,
        double[] nullStatistics) implements SignificanceResult {

    /** Validates the components and copies the null statistics. */
    public PermutationResult {
        Objects.requireNonNull(alternative, "alternative");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(nullStatistics, "nullStatistics");
        if (nullStatistics.length != permutations) {
            throw new IllegalArgumentException("nullStatistics has " + nullStatistics.length
                    + " values but permutations is " + permutations);
        }
        nullStatistics = nullStatistics.clone();
    }

    /** Returns a copy of the permuted statistics. */
    @Override
    public double[] nullStatistics() {
        return nullStatistics.clone();
    }

    /**
     * Returns the smallest p-value this test could report, {@code 1 / (m + 1)}: a p-value equal
     * to it means no permutation reached the observed statistic, not that p is that small.
     */
    public double minimumPValue() {
        return 1.0 / (permutations + 1);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PermutationResult that
                && Double.compare(statistic, that.statistic) == 0
                && Double.compare(pValue, that.pValue) == 0
                && exceedances == that.exceedances
                && permutations == that.permutations
                && seed == that.seed
                && alternative == that.alternative
                && method == that.method
                && exchangeableUnits == that.exchangeableUnits
                && Arrays.equals(nullStatistics, that.nullStatistics);
    }

    @Override
    public int hashCode() {
        return Objects.hash(statistic, pValue, exceedances, permutations, seed, alternative,
                method, exchangeableUnits, Arrays.hashCode(nullStatistics));
    }

    @Override
    public String toString() {
        return "PermutationResult[statistic=" + statistic + ", pValue=" + pValue
                + ", exceedances=" + exceedances + ", permutations=" + permutations
                + ", minimumPValue=" + minimumPValue() + ", seed=" + seed
                + ", alternative=" + alternative + ", method=" + method
                + ", exchangeableUnits=" + exchangeableUnits + "]";
    }
}
