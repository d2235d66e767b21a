package org.lens4j.probe.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.lens4j.probe.stats.internal.Checks;

/**
 * Adjustment of p-values for testing many layers at once.
 *
 * <p>Both methods sort the {@code m} p-values ascending, {@code p(1) <= … <= p(m)}, return the
 * adjusted values in the input order, cap them at 1 and keep them monotone in the raw p-values.
 * Ties keep their input order; equal raw values get equal adjusted values.
 */
public enum PValueAdjustment {

    /**
     * Holm's step-down method, controlling the family-wise error rate under any dependence:
     * {@code adj(i) = max over j <= i of min(1, (m - j + 1) p(j))}. Reference: S. Holm, "A simple
     * sequentially rejective multiple test procedure", Scand. J. Statist. 6 (1979) 65–70.
     */
    HOLM {
        @Override
        double[] adjustSorted(double[] sorted) {
            int m = sorted.length;
            double[] adjusted = new double[m];
            double running = 0.0;
            for (int j = 0; j < m; j++) {
                running = Math.max(running, Math.min(1.0, (m - j) * sorted[j]));
                adjusted[j] = running;
            }
            return adjusted;
        }
    },

    /**
     * Benjamini–Hochberg step-up method, controlling the false discovery rate for independent or
     * positively dependent tests: {@code adj(i) = min over j >= i of min(1, m p(j) / j)}.
     * Reference: Y. Benjamini and Y. Hochberg, "Controlling the false discovery rate", J. R.
     * Statist. Soc. B 57 (1995) 289–300.
     */
    BENJAMINI_HOCHBERG {
        @Override
        double[] adjustSorted(double[] sorted) {
            int m = sorted.length;
            double[] adjusted = new double[m];
            double running = 1.0;
            for (int j = m - 1; j >= 0; j--) {
                // p * (m / rank) with the factor rounded first: the factor is exactly 1 at rank m and
                // above 1 elsewhere, so rounding never takes a value below its raw p-value.
                double factor = (double) m / (j + 1);
                running = Math.min(running, Math.min(1.0, sorted[j] * factor));
                adjusted[j] = running;
            }
            return adjusted;
        }
    };

    /**
     * Returns the adjusted p-values in the order of {@code pValues}.
     *
     * @param pValues raw p-values in [0, 1]; an empty array gives an empty result
     * @throws IllegalArgumentException if a value is NaN or outside [0, 1]
     */
    public double[] adjust(double[] pValues) {
        Checks.probabilities("pValues", pValues);
        Integer[] order = IntStream.range(0, pValues.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
        double[] sorted = new double[pValues.length];
        for (int r = 0; r < order.length; r++) {
            sorted[r] = pValues[order[r]];
        }

        double[] adjustedSorted = adjustSorted(sorted);

        double[] adjusted = new double[pValues.length];
        for (int r = 0; r < order.length; r++) {
            adjusted[order[r]] = adjustedSorted[r];
        }
        return adjusted;
    }

    abstract double[] adjustSorted(double[] sorted);
}
