package org.lens4j.probe.stats;

import java.util.Objects;

/**
 * A training pipeline evaluated on several label vectors at once, so an implementation can refit
 * many probes in one batched computation (for example a logistic regression on a shared kernel).
 *
 * <p>Row {@code r} of the argument is a complete label vector for every item; row {@code r} of
 * the result is the statistic the pipeline returns when trained and tested with those labels.
 */
@FunctionalInterface
public interface BatchLabelStatistic {

    /**
     * Runs the pipeline once per row.
     *
     * @param labelings {@code [rows][items]} label vectors; the method must not keep or modify them
     * @return {@code [rows]} statistics, none NaN
     */
    double[] evaluate(int[][] labelings);

    /** Adapts a one-vector pipeline by calling it once per row. */
    static BatchLabelStatistic of(LabelStatistic statistic) {
        Objects.requireNonNull(statistic, "statistic");
        return labelings -> {
            double[] values = new double[labelings.length];
            for (int r = 0; r < labelings.length; r++) {
                values[r] = statistic.evaluate(labelings[r]);
            }
            return values;
        };
    }
}
