package org.lens4j.probe.sweep;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.lens4j.probe.stats.PValueAdjustment;

/**
 * The outcome of a {@link LayerSweep}: the layers ranked, and the layer it recommends with the
 * rule that chose it.
 *
 * @param ranking the layer results, best first; ranks are 1, 2, …
 * @param recommended the recommended layer, the first of the ranking
 * @param selectionRule the rule that ranked the layers, in words
 * @param adjustment the method that adjusted the permutation p-values across the sweep
 * @param permutationMode what the permutation test recomputed for each permutation
 * @param permutationProbe the probe whose test accuracy the permutation test used, such as
 *     {@code "logistic L2 C=1.0 lbfgs standardised"}
 * @param alpha the significance level the report marks adjusted p-values against
 * @param chanceLevel the majority-class rate of the test labels, the accuracy of a constant guess
 * @param modelId the model id the features came from
 * @param libraryVersion the Lens4J version
 * @param seed the sweep seed
 * @param runIndex the caller's run index
 * @param elapsed wall-clock time of the sweep
 */
public record SweepResult(
        List<LayerResult> ranking,
        LayerKey recommended,
        String selectionRule,
        PValueAdjustment adjustment,
        PermutationMode permutationMode,
        String permutationProbe,
        double alpha,
        double chanceLevel,
        String modelId,
        String libraryVersion,
        long seed,
        int runIndex,
        Duration elapsed) {

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException if the ranking is empty or does not start with the
     *     recommended layer
     */
    public SweepResult {
        ranking = List.copyOf(ranking);
        Objects.requireNonNull(recommended, "recommended");
        Objects.requireNonNull(selectionRule, "selectionRule");
        Objects.requireNonNull(adjustment, "adjustment");
        Objects.requireNonNull(permutationMode, "permutationMode");
        Objects.requireNonNull(permutationProbe, "permutationProbe");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(libraryVersion, "libraryVersion");
        Objects.requireNonNull(elapsed, "elapsed");
        if (ranking.isEmpty()) {
            throw new IllegalArgumentException("a sweep result needs at least one layer");
        }
        if (!ranking.get(0).layer().equals(recommended)) {
            throw new IllegalArgumentException("the recommended layer " + recommended
                    + " must be ranked first, but the first is " + ranking.get(0).layer());
        }
    }

    /** Returns the result of the recommended layer. */
    public LayerResult recommendedResult() {
        return ranking.get(0);
    }

    /**
     * Returns whether the recommended layer's adjusted permutation p-value is below
     * {@link #alpha()}. The recommendation itself never depends on it, because the test split must
     * not choose the layer.
     */
    public boolean recommendedIsSignificant() {
        return recommendedResult().adjustedPValue() < alpha;
    }

    /** Returns whether any layer carries a control-task result. */
    public boolean hasControlTask() {
        return ranking.stream().anyMatch(layer -> layer.controlTask().isPresent());
    }
}
