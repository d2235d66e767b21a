package org.lens4j.probe.stats;

/**
 * A whole training pipeline seen as a function of the labels: train on the training items with
 * the given labels, then return a statistic on the test items, usually test accuracy.
 *
 * <p>Used by {@link PermutationTest} through {@link BatchLabelStatistic#of(LabelStatistic)}.
 */
@FunctionalInterface
public interface LabelStatistic {

    /**
     * Runs the pipeline with one label vector.
     *
     * @param labels one label per item, in the caller's item order; the method must not keep or
     *     modify the array
     * @return the statistic, not NaN
     */
    double evaluate(int[] labels);
}
