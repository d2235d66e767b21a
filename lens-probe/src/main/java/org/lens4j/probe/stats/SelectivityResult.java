package org.lens4j.probe.stats;

import java.util.Objects;

/**
 * Result of a {@link Selectivity} estimate.
 *
 * @param mainAccuracy accuracy of the main probe on the test items
 * @param controlAccuracy accuracy of the control probe on the same items
 * @param selectivity {@code mainAccuracy - controlAccuracy}
 * @param interval bootstrap percentile interval of the selectivity
 * @param resamples number of bootstrap resamples
 * @param items number of test items
 * @param groups number of groups resampled (equal to {@code items} without group ids)
 * @param seed seed of the bootstrap stream
 */
public record SelectivityResult(
        double mainAccuracy,
        double controlAccuracy,
        double selectivity,
        ConfidenceInterval interval,
        int resamples,
        int items,
        int groups,
        long seed) {

    /** Validates the components. */
    public SelectivityResult {
        Objects.requireNonNull(interval, "interval");
    }
}
