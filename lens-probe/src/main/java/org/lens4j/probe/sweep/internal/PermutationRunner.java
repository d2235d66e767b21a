package org.lens4j.probe.sweep.internal;

import java.util.ArrayList;
import java.util.List;
import org.lens4j.probe.Control;
import org.lens4j.probe.FeatureSet;
import org.lens4j.probe.LabelMap;
import org.lens4j.probe.ProbeResult;
import org.lens4j.probe.ProbeRunner;
import org.lens4j.probe.model.GramMatrix;
import org.lens4j.probe.model.KernelLogistic;
import org.lens4j.probe.split.Split;
import org.lens4j.probe.stats.BatchLabelStatistic;
import org.lens4j.probe.stats.PermutationResult;
import org.lens4j.probe.stats.PermutationTest;
import org.lens4j.probe.sweep.PermutationMode;

/**
 * Runs the permutation test of one layer in the sweep's {@link PermutationMode}.
 *
 * <p>The refit modes permute the labels of the split's rows (training rows first, then test rows)
 * at group level, and the pipeline trains on the permuted training labels and scores against the
 * permuted test labels (Ojala &amp; Garriga test 1). Rows outside the split keep their labels.
 */
final class PermutationRunner {

    private final SweepSettings settings;
    private final Split split;

    PermutationRunner(SweepSettings settings, Split split) {
        this.settings = settings;
        this.split = split;
    }

    PermutationResult run(FeatureSet data, ProbeResult main, ProbeRunner runner,
            int[] testGroups) {
        PermutationTest test = PermutationTest.withDefaults()
                .withPermutations(settings.permutations())
                .withSeed(SweepSeeds.PERMUTATIONS.derive(settings.seed(), settings.runIndex()));
        return switch (settings.permutationMode()) {
            case FIXED_PREDICTIONS -> test.testPredictions(main.targetIndices(),
                    main.predictedIndices(), testGroups);
            case KERNEL_LOGISTIC -> test.test(splitLabels(data), splitGroups(data),
                    kernelPipeline(data));
            case REFIT_MAIN_PROBE -> test.test(splitLabels(data), splitGroups(data),
                    refitPipeline(data, runner));
        };
    }

    /** Returns the class index of every split row, training rows first. */
    private int[] splitLabels(FeatureSet data) {
        int[] all = data.labelMap().indicesOf(data.labels());
        int[] rows = splitRows();
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = all[rows[i]];
        }
        return labels;
    }

    private int[] splitGroups(FeatureSet data) {
        return GroupIds.of(data.groups(), splitRows());
    }

    private int[] splitRows() {
        int[] train = split.trainRows();
        int[] test = split.testRows();
        int[] rows = new int[train.length + test.length];
        System.arraycopy(train, 0, rows, 0, train.length);
        System.arraycopy(test, 0, rows, train.length, test.length);
        return rows;
    }

    private BatchLabelStatistic kernelPipeline(FeatureSet data) {
        if (data.labelMap().size() != 2) {
            throw new IllegalArgumentException("the kernel logistic permutation test needs two"
                    + " classes but " + data + " has " + data.labelMap().labels()
                    + "; use PermutationMode.REFIT_MAIN_PROBE or FIXED_PREDICTIONS");
        }
        GramMatrix gram = GramMatrix.of(data, split, settings.kernelProbe().standardize());
        KernelLogistic solver = KernelLogistic.of(settings.kernelProbe());
        int trainSize = split.trainSize();
        return labelings -> {
            int[][] trainTargets = new int[labelings.length][];
            int[][] testTargets = new int[labelings.length][];
            for (int r = 0; r < labelings.length; r++) {
                trainTargets[r] = java.util.Arrays.copyOfRange(labelings[r], 0, trainSize);
                testTargets[r] = java.util.Arrays.copyOfRange(labelings[r], trainSize,
                        labelings[r].length);
            }
            return solver.fitMany(gram, trainTargets, testTargets).accuracies();
        };
    }

    private BatchLabelStatistic refitPipeline(FeatureSet data, ProbeRunner runner) {
        LabelMap labelMap = data.labelMap();
        int[] rows = splitRows();
        return BatchLabelStatistic.of(labels -> {
            List<String> targets = new ArrayList<>(data.labels());
            for (int i = 0; i < rows.length; i++) {
                targets.set(rows[i], labelMap.label(labels[i]));
            }
            Control permuted = new Control() {
                @Override
                public String name() {
                    return "permuted-labels";
                }

                @Override
                public List<String> targets(FeatureSet ignored, Split unused, long seed) {
                    return targets;
                }
            };
            return runner.train(data, split, permuted, settings.runIndex()).accuracy();
        });
    }
}
