package org.lens4j.probe.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.lens4j.probe.FeatureSet;
import org.lens4j.probe.LabelMap;
import org.lens4j.probe.split.Split;
import org.lens4j.probe.split.StratifiedGroupKFold;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Immutable settings of a k-fold grid search over the optimiser of a gradient-trained probe: every
 * combination of batch size × epochs × learning rate is trained on {@code k − 1} folds of the
 * training rows and scored by its mean log-loss on the held-out fold; the combination with the
 * lowest mean over the folds wins (ties to the earlier one in grid order: batch sizes, then
 * epochs, then learning rates, each ascending as given). Folds are stratified and grouped ({@link
 * StratifiedGroupKFold}) and drawn from the seed passed to {@link #search}.
 *
 * <p>Epoch counts are read off one training run per (fold, batch size, learning rate) at each
 * requested epoch: a run of {@code e} epochs is, step for step, the first {@code e} epochs of a
 * longer run with the same seed, so this equals training each count separately.
 *
 * <pre>{@code
 * GridSearch grid = GridSearch.withDefaults().withLearningRates(1e-3, 3e-3, 1e-2);
 * ProbeRunner runner = ProbeRunner.of(MlpProbe.of(128)).withGridSearch(grid).withSeed(1);
 * }</pre>
 */
public final class GridSearch {

    private static final Logger LOG = LoggerFactory.getLogger(GridSearch.class);

    private final int[] batchSizes;
    private final int[] epochs;
    private final double[] learningRates;
    private final int folds;

    private GridSearch(int[] batchSizes, int[] epochs, double[] learningRates, int folds) {
        this.batchSizes = batchSizes;
        this.epochs = epochs;
        this.learningRates = learningRates;
        this.folds = folds;
    }

    /** Returns batch sizes {32, 64} × epochs {50, 100} × learning rates {1e-3, 1e-2}, 5 folds. */
    public static GridSearch withDefaults() {
        return new GridSearch(new int[] {32, 64}, new int[] {50, 100}, new double[] {1e-3, 1e-2}, 5);
    }

    /** Returns a copy with other batch sizes (0 = full-batch). */
    public GridSearch withBatchSizes(int... values) {
        for (int value : values) {
            if (value < 0) {
                throw new IllegalArgumentException("batch size " + value + " is negative; use 0 for full-batch");
            }
        }
        return new GridSearch(nonEmpty("batchSizes", values), epochs, learningRates, folds);
    }

    /** Returns a copy with other epoch counts. */
    public GridSearch withEpochs(int... values) {
        for (int value : values) {
            if (value < 1) {
                throw new IllegalArgumentException("epoch count " + value + " is below 1");
            }
        }
        return new GridSearch(batchSizes, nonEmpty("epochs", values), learningRates, folds);
    }

    /** Returns a copy with other learning rates. */
    public GridSearch withLearningRates(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("learningRates is empty; give at least one value");
        }
        for (double value : values) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("learning rate " + value + " is not a positive finite number");
            }
        }
        return new GridSearch(batchSizes, epochs, values.clone(), folds);
    }

    /** Returns a copy with another number of folds. */
    public GridSearch withFolds(int value) {
        if (value < 2) {
            throw new IllegalArgumentException("folds is " + value + "; k-fold needs at least 2");
        }
        return new GridSearch(batchSizes, epochs, learningRates, value);
    }

    /** One grid point and its validation losses. */
    public record Candidate(int batchSize, int epochs, double learningRate, double meanValidationLoss,
            double[] foldLosses) {

        /** Copies the fold losses. */
        public Candidate {
            foldLosses = foldLosses.clone();
        }

        /** Returns a copy of the validation loss of each fold. */
        @Override
        public double[] foldLosses() {
            return foldLosses.clone();
        }
    }

    /**
     * The outcome of a search.
     *
     * @param candidates every grid point in grid order
     * @param best the winning grid point
     * @param bestConfig {@code config} with the winning batch size, epochs and learning rate
     */
    public record Result(List<Candidate> candidates, Candidate best, ProbeConfig bestConfig) {

        /** Copies the candidates. */
        public Result {
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * Searches the grid for {@code config} on {@code trainRows}.
     *
     * @param config an {@link MlpProbe} or a {@link LogisticProbe} with the ADAM solver
     * @param targets class index of each training row, aligned with {@code trainRows}
     * @param seed seed of the folds and of every training run
     * @throws IllegalArgumentException if {@code config} is not trained by gradient steps
     */
    public Result search(ProbeConfig config, FeatureSet data, int[] trainRows, int[] targets, LabelMap labelMap,
            long seed) {
        Optimizer base = optimizerOf(config);
        List<String> targetLabels = new ArrayList<>(java.util.Collections.nCopies(data.size(), ""));
        for (int i = 0; i < trainRows.length; i++) {
            targetLabels.set(trainRows[i], labelMap.label(targets[i]));
        }
        List<Split> splits = StratifiedGroupKFold.of(folds).withSeed(seed).folds(targetLabels, data.groups(),
                trainRows);
        int maxEpochs = Arrays.stream(epochs).max().orElseThrow();

        double[][][][] losses = new double[batchSizes.length][epochs.length][learningRates.length][folds];
        for (int f = 0; f < folds; f++) {
            Split fold = splits.get(f);
            for (int b = 0; b < batchSizes.length; b++) {
                for (int r = 0; r < learningRates.length; r++) {
                    Optimizer optimizer = base.withBatchSize(batchSizes[b]).withLearningRate(learningRates[r])
                            .withEpochs(maxEpochs).withEarlyStopping(null);
                    double[] curve = ProbeTrainer.validationCurve(withOptimizer(config, optimizer), data,
                            fold.trainRows(), fold.testRows(), targetLabels, labelMap, seed);
                    for (int e = 0; e < epochs.length; e++) {
                        losses[b][e][r][f] = curve[epochs[e] - 1];
                    }
                }
            }
        }
        return assemble(config, base, losses);
    }

    private Result assemble(ProbeConfig config, Optimizer base, double[][][][] losses) {
        List<Candidate> candidates = new ArrayList<>();
        Candidate best = null;
        for (int b = 0; b < batchSizes.length; b++) {
            for (int e = 0; e < epochs.length; e++) {
                for (int r = 0; r < learningRates.length; r++) {
                    double[] foldLosses = losses[b][e][r];
                    double mean = Arrays.stream(foldLosses).average().orElseThrow();
                    Candidate candidate = new Candidate(batchSizes[b], epochs[e], learningRates[r], mean, foldLosses);
                    candidates.add(candidate);
                    if (best == null || mean < best.meanValidationLoss()) {
                        best = candidate;
                    }
                }
            }
        }
        Optimizer chosen = base.withBatchSize(best.batchSize()).withEpochs(best.epochs())
                .withLearningRate(best.learningRate());
        LOG.debug("Grid search over {} candidates chose batch {}, {} epochs, lr {} (mean validation loss {})",
                candidates.size(), best.batchSize(), best.epochs(), best.learningRate(), best.meanValidationLoss());
        return new Result(candidates, best, withOptimizer(config, chosen));
    }

    private static Optimizer optimizerOf(ProbeConfig config) {
        Objects.requireNonNull(config, "config");
        if (config instanceof MlpProbe mlp) {
            return mlp.optimizer();
        }
        LogisticProbe logistic = (LogisticProbe) config;
        if (logistic.solver() != LogisticProbe.Solver.ADAM) {
            throw new IllegalArgumentException("grid search tunes gradient training, but " + config.describe()
                    + " uses the " + logistic.solver() + " solver; use LogisticProbe.withOptimizer or an MlpProbe");
        }
        return logistic.optimizer();
    }

    private static ProbeConfig withOptimizer(ProbeConfig config, Optimizer optimizer) {
        return config instanceof MlpProbe mlp ? mlp.withOptimizer(optimizer)
                : ((LogisticProbe) config).withOptimizer(optimizer);
    }

    private static int[] nonEmpty(String name, int[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " is empty; give at least one value");
        }
        return values.clone();
    }

    @Override
    public String toString() {
        return "GridSearch[batch " + Arrays.toString(batchSizes) + " × epochs " + Arrays.toString(epochs) + " × lr "
                + Arrays.toString(learningRates) + ", " + folds + " folds]";
    }
}
