package org.lens4j.probe.sweep;

import java.util.Objects;
import java.util.Optional;
import org.lens4j.probe.stats.ConfidenceInterval;
import org.lens4j.probe.stats.PermutationResult;

/**
 * Everything a sweep measured for one (module, pooling) pair.
 *
 * @param layer the module and pooling
 * @param rank the position in the sweep's ranking, from 1
 * @param dimension the feature dimension {@code d}
 * @param trainSize the number of training rows
 * @param testSize the number of test rows
 * @param accuracy the main probe's test accuracy
 * @param accuracyInterval Wilson interval of {@code accuracy}
 * @param shuffled the shuffled-label control and the comparisons with it
 * @param controlTask the Hewitt &amp; Liang control task, present when the features carry type
 *     keys
 * @param permutation the label-permutation test of the main probe's test accuracy
 * @param adjustedPValue the permutation p-value adjusted across the sweep
 * @param crossValidation the training-part scores the ranking is based on
 * @param provenance seeds, versions and names behind these numbers
 */
public record LayerResult(
        LayerKey layer,
        int rank,
        int dimension,
        int trainSize,
        int testSize,
        double accuracy,
        ConfidenceInterval accuracyInterval,
        ControlResult shuffled,
        Optional<ControlResult> controlTask,
        PermutationResult permutation,
        double adjustedPValue,
        CrossValidation crossValidation,
        Provenance provenance) {

    /** Validates the components. */
    public LayerResult {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(accuracyInterval, "accuracyInterval");
        Objects.requireNonNull(shuffled, "shuffled");
        Objects.requireNonNull(controlTask, "controlTask");
        Objects.requireNonNull(permutation, "permutation");
        Objects.requireNonNull(crossValidation, "crossValidation");
        Objects.requireNonNull(provenance, "provenance");
        if (!(adjustedPValue >= 0 && adjustedPValue <= 1)) {
            throw new IllegalArgumentException(
                    "adjustedPValue must be in [0, 1], got " + adjustedPValue);
        }
    }

    /** Returns the shuffled-label control's test accuracy. */
    public double controlAccuracy() {
        return shuffled.accuracy();
    }

    /** Returns the test selectivity against the shuffled-label control. */
    public double selectivity() {
        return shuffled.selectivity().selectivity();
    }

    /** Returns a copy with another rank and adjusted p-value. */
    LayerResult withRanking(int newRank, double newAdjustedPValue) {
        return new LayerResult(layer, newRank, dimension, trainSize, testSize, accuracy,
                accuracyInterval, shuffled, controlTask, permutation, newAdjustedPValue,
                crossValidation, provenance);
    }
}
