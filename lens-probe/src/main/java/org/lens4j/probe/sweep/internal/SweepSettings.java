package org.lens4j.probe.sweep.internal;

import org.lens4j.probe.model.LogisticProbe;
import org.lens4j.probe.model.ProbeConfig;
import org.lens4j.probe.split.StratifiedGroupSplitter;
import org.lens4j.probe.stats.PValueAdjustment;
import org.lens4j.probe.sweep.PermutationMode;
import org.lens4j.probe.sweep.SelectionMode;

/**
 * The options of a layer sweep, validated by {@code LayerSweep}'s {@code with…} methods.
 *
 * @param probe the main probe, also used for every control
 * @param kernelProbe the logistic probe refitted in kernel form by
 *     {@link PermutationMode#KERNEL_LOGISTIC} and {@link SelectionMode#KERNEL_LOGISTIC}
 * @param permutationMode how the permutation test recomputes its statistic
 * @param selectionMode which probe is cross-validated to rank the layers
 * @param splitter the train/test splitter, or null to draw {@code testFraction} with a child seed
 * @param testFraction the test fraction of the default splitter
 * @param folds cross-validation folds inside the training part
 * @param permutations label permutations per layer
 * @param adjustment p-value adjustment across the sweep
 * @param alpha significance level of the report
 * @param resamples bootstrap resamples of the selectivity interval
 * @param confidenceLevel level of every interval
 * @param controlTask whether to run the control task when the features carry type keys
 * @param seed sweep seed
 * @param runIndex caller's run index
 * @param modelId model id recorded with the results
 * @param parallelism number of layers evaluated at the same time
 */
public record SweepSettings(
        ProbeConfig probe,
        LogisticProbe kernelProbe,
        PermutationMode permutationMode,
        SelectionMode selectionMode,
        StratifiedGroupSplitter splitter,
        double testFraction,
        int folds,
        int permutations,
        PValueAdjustment adjustment,
        double alpha,
        int resamples,
        double confidenceLevel,
        boolean controlTask,
        long seed,
        int runIndex,
        String modelId,
        int parallelism) {

    /** Returns the splitter, the caller's or the default one seeded from the sweep seed. */
    public StratifiedGroupSplitter effectiveSplitter() {
        if (splitter != null) {
            return splitter;
        }
        return StratifiedGroupSplitter.testFraction(testFraction)
                .withSeed(SweepSeeds.SPLIT.derive(seed, runIndex));
    }

    /** Returns the seed of the probe runner. */
    public long probeSeed() {
        return seed;
    }

    /** Returns a mutable copy for deriving changed settings. */
    public Draft toDraft() {
        Draft draft = new Draft();
        draft.probe = probe;
        draft.kernelProbe = kernelProbe;
        draft.permutationMode = permutationMode;
        draft.selectionMode = selectionMode;
        draft.splitter = splitter;
        draft.testFraction = testFraction;
        draft.folds = folds;
        draft.permutations = permutations;
        draft.adjustment = adjustment;
        draft.alpha = alpha;
        draft.resamples = resamples;
        draft.confidenceLevel = confidenceLevel;
        draft.controlTask = controlTask;
        draft.seed = seed;
        draft.runIndex = runIndex;
        draft.modelId = modelId;
        draft.parallelism = parallelism;
        return draft;
    }

    /** Mutable settings, changed by one {@code with…} method and frozen again. */
    public static final class Draft {
        public ProbeConfig probe;
        public LogisticProbe kernelProbe;
        public PermutationMode permutationMode;
        public SelectionMode selectionMode;
        public StratifiedGroupSplitter splitter;
        public double testFraction;
        public int folds;
        public int permutations;
        public PValueAdjustment adjustment;
        public double alpha;
        public int resamples;
        public double confidenceLevel;
        public boolean controlTask;
        public long seed;
        public int runIndex;
        public String modelId;
        public int parallelism;

        /** Returns the immutable settings. */
        public SweepSettings freeze() {
            return new SweepSettings(probe, kernelProbe, permutationMode, selectionMode, splitter,
                    testFraction, folds, permutations, adjustment, alpha, resamples,
                    confidenceLevel, controlTask, seed, runIndex, modelId, parallelism);
        }
    }
}
