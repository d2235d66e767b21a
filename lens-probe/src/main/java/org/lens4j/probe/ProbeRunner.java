package org.lens4j.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lens4j.probe.internal.Scoring;
import org.lens4j.probe.internal.Seeds;
import org.lens4j.probe.model.FittedProbe;
import org.lens4j.probe.model.GridSearch;
import org.lens4j.probe.model.LogisticProbe;
import org.lens4j.probe.model.ProbeConfig;
import org.lens4j.probe.model.ProbeTrainer;
import org.lens4j.probe.split.Split;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Immutable settings of a probe run (probe configuration and seed) and the entry point that
 * trains a probe on a split and scores it on the test part.
 *
 * <p>The main probe and every control go through {@link #train(FeatureSet, Split, Control, int)}:
 * the control only changes the targets or the features. Randomness comes from child seeds of
 * {@code (seed, runIndex)} ({@code Seeds.derive}), so a result's seed and run index replay it,
 * and a main probe and its controls with the same run index start from the same initial weights.
 *
 * <pre>{@code
 * Split split = StratifiedGroupSplitter.counts(150, 100).withSeed(7).split(data);
 * ProbeRunner runner = ProbeRunner.of(LogisticProbe.withDefaults().withC(0.5)).withSeed(42);
 * ProbeResult main = runner.train(data, split);
 * ProbeResult shuffled = runner.train(data, split, ShuffledLabels.create());
 * }</pre>
 */
public final class ProbeRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeRunner.class);

    private final ProbeConfig config;
    private final long seed;
    private final GridSearch gridSearch;

    private ProbeRunner(ProbeConfig config, long seed, GridSearch gridSearch) {
        this.config = config;
        this.seed = seed;
        this.gridSearch = gridSearch;
    }

    /** Returns a runner of {@code config} with seed 0 and no grid search. */
    public static ProbeRunner of(ProbeConfig config) {
        return new ProbeRunner(Objects.requireNonNull(config, "config"), 0L, null);
    }

    /** Returns a runner of the default logistic probe ({@link LogisticProbe#withDefaults()}) with seed 0. */
    public static ProbeRunner withDefaults() {
        return of(LogisticProbe.withDefaults());
    }

    /** Returns a copy with another seed. */
    public ProbeRunner withSeed(long newSeed) {
        return new ProbeRunner(config, newSeed, gridSearch);
    }

    /** Returns a copy with another probe configuration. */
    public ProbeRunner withConfig(ProbeConfig newConfig) {
        return new ProbeRunner(Objects.requireNonNull(newConfig, "newConfig"), seed, gridSearch);
    }

    /**
     * Returns a copy that tunes the optimiser of every run by {@code grid} on that run's training
     * rows and targets before training, or that does not tune when {@code grid} is {@code null}.
     * Results then record the chosen configuration.
     */
    public ProbeRunner withGridSearch(GridSearch grid) {
        return new ProbeRunner(config, seed, grid);
    }

    /** Returns the probe configuration. */
    public ProbeConfig config() {
        return config;
    }

    /** Returns the seed. */
    public long seed() {
        return seed;
    }

    /** Trains and scores the main probe, run 0. */
    public ProbeResult train(FeatureSet data, Split split) {
        return train(data, split, Control.NONE, 0);
    }

    /** Trains and scores {@code control}, run 0. */
    public ProbeResult train(FeatureSet data, Split split, Control control) {
        return train(data, split, control, 0);
    }

    /**
     * Trains a probe on the training rows of {@code split} and scores it on the test rows.
     *
     * @param data the feature set of the main probe (labels, groups, item ids)
     * @param split train and test rows of {@code data}
     * @param control {@link Control#NONE} for the main probe, or a control
     * @param runIndex index of the run; child seeds derive from the seed and this index
     * @throws IllegalArgumentException if the split names rows outside {@code data}, the control's
     *     features describe other items, or a target is not one of the data's labels
     */
    public ProbeResult train(FeatureSet data, Split split, Control control, int runIndex) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(control, "control");
        checkRows(split, data.size());
        FeatureSet features = control.features(data);
        if (features != data && !features.hasSameItems(data)) {
            throw new IllegalArgumentException("control '" + control.name() + "' probes " + features
                    + " whose labels, groups or item ids differ from " + data + "; both must describe the same items");
        }
        LabelMap labelMap = data.labelMap();
        List<String> targets = control.targets(data, split, Seeds.derive(seed, runIndex, Seeds.CONTROL));
        if (targets.size() != data.size()) {
            throw new IllegalArgumentException("control '" + control.name() + "' returned " + targets.size()
                    + " targets for " + data.size() + " rows");
        }
        int[] targetIndex = labelMap.indicesOf(targets);
        int[] trainRows = split.trainRows();
        int[] testRows = split.testRows();
        int[] trainTargets = select(targetIndex, trainRows);
        int[] testTargets = select(targetIndex, testRows);

        ProbeConfig trained = config;
        if (gridSearch != null) {
            trained = gridSearch.search(config, features, trainRows, trainTargets, labelMap,
                    Seeds.derive(seed, runIndex, Seeds.GRID_SEARCH)).bestConfig();
        }
        FittedProbe probe = ProbeTrainer.fit(trained, features, trainRows, trainTargets, labelMap,
                Seeds.derive(seed, runIndex, Seeds.TRAINING));
        double[][] probabilities = probe.probabilities(features, testRows);
        int[] predicted = probe.predict(features, testRows);

        List<Prediction> predictions = new ArrayList<>(testRows.length);
        for (int i = 0; i < testRows.length; i++) {
            int row = testRows[i];
            predictions.add(new Prediction(data.itemIds().get(row), data.groups().get(row),
                    labelMap.label(testTargets[i]), labelMap.label(predicted[i]), probabilities[i]));
        }
        int classes = labelMap.size();
        ProbeResult result = new ProbeResult(features.name(), control.name(), trained, seed, runIndex, labelMap,
                split.description(), trainRows.length, testRows.length, Scoring.accuracy(testTargets, predicted),
                Scoring.balancedAccuracy(testTargets, predicted, classes),
                Scoring.majorityBaseline(trainTargets, testTargets, classes), predictions, probe.training(),
                LibraryVersion.get());
        LOG.debug("{}", result);
        return result;
    }

    private static int[] select(int[] values, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    private static void checkRows(Split split, int size) {
        int[] train = split.trainRows();
        int[] test = split.testRows();
        int last = Math.max(train[train.length - 1], test[test.length - 1]);
        if (last >= size) {
            throw new IllegalArgumentException("the split names row " + last + " but the feature set has " + size
                    + " rows; split this feature set");
        }
    }

    @Override
    public String toString() {
        return "ProbeRunner[" + config.describe() + ", seed " + seed + (gridSearch == null ? "" : ", " + gridSearch)
                + "]";
    }
}
