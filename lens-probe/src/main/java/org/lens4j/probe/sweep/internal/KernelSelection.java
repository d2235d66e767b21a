package org.lens4j.probe.sweep.internal;

import java.util.SplittableRandom;
import org.lens4j.probe.FeatureSet;
import org.lens4j.probe.model.GramMatrix;
import org.lens4j.probe.model.KernelFits;
import org.lens4j.probe.model.KernelLogistic;
import org.lens4j.probe.split.Split;
import org.lens4j.probe.sweep.SelectionMode;

/** One fold of {@link SelectionMode#KERNEL_LOGISTIC}: a logistic probe and its shuffled control. */
final class KernelSelection {

    private KernelSelection() {
    }

    /**
     * Returns the held-out accuracy of the kernel logistic probe (index 0) and of the same probe
     * trained on the fold's training labels permuted among themselves (index 1), both scored
     * against the true labels of the fold's test rows.
     *
     * @throws IllegalArgumentException if the data does not have exactly two classes
     */
    static double[] accuracies(SweepSettings settings, FeatureSet data, Split fold) {
        if (data.labelMap().size() != 2) {
            throw new IllegalArgumentException("kernel logistic selection needs two classes but "
                    + data + " has " + data.labelMap().labels()
                    + "; use SelectionMode.MAIN_PROBE");
        }
        int[] labels = data.labelMap().indicesOf(data.labels());
        int[] trainTargets = select(labels, fold.trainRows());
        int[] testTargets = select(labels, fold.testRows());
        int[] shuffled = trainTargets.clone();
        SplittableRandom random = new SplittableRandom(
                SweepSeeds.SELECTION_CONTROL.derive(settings.seed(), settings.runIndex()));
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = swap;
        }

        GramMatrix gram = GramMatrix.of(data, fold, settings.kernelProbe().standardize());
        KernelFits fits = KernelLogistic.of(settings.kernelProbe()).fitMany(gram,
                new int[][] {trainTargets, shuffled}, testTargets);
        return new double[] {fits.accuracy(0), fits.accuracy(1)};
    }

    private static int[] select(int[] values, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }
}
