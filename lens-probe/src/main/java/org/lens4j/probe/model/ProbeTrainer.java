package org.lens4j.probe.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.lens4j.probe.FeatureSet;
import org.lens4j.probe.LabelMap;
import org.lens4j.probe.model.internal.GradientTrainer;
import org.lens4j.probe.model.internal.Gram;
import org.lens4j.probe.model.internal.KernelNewton;
import org.lens4j.probe.model.internal.Lbfgs;
import org.lens4j.probe.model.internal.LinearScorer;
import org.lens4j.probe.model.internal.LogisticObjective;
import org.lens4j.probe.model.internal.NetworkScorer;
import org.lens4j.probe.model.internal.Standardizer;
import org.lens4j.probe.split.Split;
import org.lens4j.probe.split.StratifiedGroupSplitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a probe of any {@link ProbeConfig} on given rows and targets. Main probes and every
 * control probe are trained by this one method, so they differ only in their inputs.
 *
 * <pre>{@code
 * FittedProbe probe = ProbeTrainer.fit(LogisticProbe.withDefaults(), data, split.trainRows(),
 *         data.labelMap().indicesOf(trainLabels), data.labelMap(), 42L);
 * }</pre>
 */
public final class ProbeTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeTrainer.class);
    private static final int LBFGS_MEMORY = 10;

    private ProbeTrainer() {
    }

    /**
     * Trains {@code config} on {@code trainRows} of {@code data}.
     *
     * <p>Standardisation statistics come from all of {@code trainRows}. With early stopping, a
     * validation part is split off the training rows (stratified by target, grouped by {@link
     * FeatureSet#groups()}, seeded by {@code seed}) and the model is fitted on the rest.
     *
     * @param config the probe
     * @param data features (and groups for the validation split)
     * @param trainRows the rows to train on
     * @param targets class index (in {@code labelMap}) of each training row, aligned with {@code trainRows}
     * @param labelMap the classes; its size sets the number of outputs
     * @param seed seed of initialisation, batch order, dropout and the validation split
     * @throws IllegalArgumentException if arrays disagree in length, a target is out of range, the
     *     targets hold fewer than two classes, or NEWTON_KERNEL gets more than two classes
     */
    public static FittedProbe fit(ProbeConfig config, FeatureSet data, int[] trainRows, int[] targets,
            LabelMap labelMap, long seed) {
        Objects.requireNonNull(config, "config");
        checkTargets(data, trainRows, targets, labelMap);
        long started = System.nanoTime();
        float[] values = data.toArray();
        int d = data.dimension();
        Standardizer standardizer = Standardizer.fit(values, d, trainRows, config.standardize());

        FittedProbe probe;
        if (config instanceof LogisticProbe logistic && logistic.solver() != LogisticProbe.Solver.ADAM) {
            double[] x = standardizer.transform(values, d, trainRows);
            probe = logistic.solver() == LogisticProbe.Solver.LBFGS
                    ? lbfgs(logistic, x, d, targets, labelMap, standardizer)
                    : newton(logistic, x, d, targets, labelMap, standardizer);
        } else {
            probe = gradient(config, data, values, trainRows, targets, labelMap, standardizer, seed);
        }
        LOG.debug("Trained {} on {} rows × {} features in {} ms: {}", config.describe(), trainRows.length, d,
                (System.nanoTime() - started) / 1_000_000, probe.training());
        return probe;
    }

    private static FittedProbe lbfgs(LogisticProbe config, double[] x, int d, int[] targets, LabelMap labelMap,
            Standardizer standardizer) {
        int classes = labelMap.size();
        LogisticObjective objective = new LogisticObjective(x, d, targets, classes, config.c());
        Lbfgs.Result result = new Lbfgs(LBFGS_MEMORY, config.tolerance(), config.maxIterations())
                .minimize(objective, new double[objective.parameterCount()]);
        if (!result.converged()) {
            LOG.warn("L-BFGS stopped after {} iterations without meeting tolerance {} ({}); raise maxIterations"
                    + " or the tolerance", result.iterations(), config.tolerance(), config.describe());
        }
        double[] theta = result.x();
        int outputs = classes == 2 ? 1 : classes;
        double[][] weights = new double[outputs][d];
        double[] intercepts = new double[outputs];
        for (int k = 0; k < outputs; k++) {
            System.arraycopy(theta, k * (d + 1), weights[k], 0, d);
            intercepts[k] = theta[k * (d + 1) + d];
        }
        if (outputs > 1) {
            double mean = Arrays.stream(intercepts).average().orElse(0);
            for (int k = 0; k < outputs; k++) {
                intercepts[k] -= mean;
            }
        }
        TrainingSummary summary = new TrainingSummary("lbfgs", result.iterations(), result.converged(),
                result.value(), Double.NaN, -1, false, result.valueTrace(), null);
        return new FittedProbe(config, labelMap, standardizer, new LinearScorer(weights, intercepts), summary, d);
    }

    private static FittedProbe newton(LogisticProbe config, double[] x, int d, int[] targets, LabelMap labelMap,
            Standardizer standardizer) {
        if (labelMap.size() != 2) {
            throw new IllegalArgumentException("the NEWTON_KERNEL solver handles two classes but the label map has "
                    + labelMap.size() + " " + labelMap.labels() + "; use the LBFGS solver");
        }
        int n = targets.length;
        double[] gram = Gram.product(x, n, x, n, d);
        KernelNewton solver = new KernelNewton(config.c(), config.tolerance(), config.maxIterations());
        KernelNewton.Solution solution = solver.solve(gram, targets, KernelNewton.workspace(n), null);
        if (!solution.converged()) {
            LOG.warn("Kernel Newton stopped after {} iterations without meeting tolerance {}", solution.iterations(),
                    config.tolerance());
        }
        double[] w = Gram.transposeTimes(x, n, d, solution.alpha());
        double loss = new LogisticObjective(x, d, targets, 2, config.c()).evaluate(withIntercept(w,
                solution.intercept()), new double[d + 1]);
        TrainingSummary summary = new TrainingSummary("newton-kernel", solution.iterations(), solution.converged(),
                loss, Double.NaN, -1, false, new double[] {loss}, null);
        return new FittedProbe(config, labelMap, standardizer,
                new LinearScorer(new double[][] {w}, new double[] {solution.intercept()}), summary, d);
    }

    private static double[] withIntercept(double[] w, double b) {
        double[] theta = Arrays.copyOf(w, w.length + 1);
        theta[w.length] = b;
        return theta;
    }

    private static FittedProbe gradient(ProbeConfig config, FeatureSet data, float[] values, int[] trainRows,
            int[] targets, LabelMap labelMap, Standardizer standardizer, long seed) {
        Optimizer optimizer = optimizerOf(config);
        SplittableRandom random = new SplittableRandom(seed);
        long trainingSeed = random.nextLong();
        int[] fitRows = trainRows;
        int[] fitTargets = targets;
        GradientTrainer.Rows validation = null;
        if (optimizer.earlyStopping() != null) {
            Split inner = validationSplit(data, trainRows, targets, labelMap, optimizer.earlyStopping(),
                    random.nextLong());
            fitRows = inner.trainRows();
            fitTargets = targetsOf(fitRows, trainRows, targets);
            int[] validationRows = inner.testRows();
            validation = new GradientTrainer.Rows(standardizer.transformToFloat(values, data.dimension(),
                    validationRows), data.dimension(), targetsOf(validationRows, trainRows, targets));
        }
        GradientTrainer.Rows train = new GradientTrainer.Rows(standardizer.transformToFloat(values, data.dimension(),
                fitRows), data.dimension(), fitTargets);
        GradientTrainer.Outcome outcome = trainerFor(config, fitRows.length).train(train, validation,
                outputsOf(labelMap), trainingSeed);

        double[] curve = outcome.trainLoss();
        double bestValidation = outcome.validationLoss() == null || outcome.bestEpoch() < 0
                ? Double.NaN : outcome.validationLoss()[outcome.bestEpoch()];
        TrainingSummary summary = new TrainingSummary(optimizer.kind().name().toLowerCase(java.util.Locale.ROOT),
                curve.length, true, curve[curve.length - 1], bestValidation, outcome.bestEpoch(),
                outcome.stoppedEarly(), curve, outcome.validationLoss());
        return new FittedProbe(config, labelMap, standardizer, new NetworkScorer(outcome.network(),
                data.dimension()), summary, data.dimension());
    }

    /**
     * Trains a gradient probe on {@code fitRows} (standardised with their own statistics) and
     * returns its mean validation log-loss on {@code validationRows} after every epoch; the grid
     * search's inner loop.
     *
     * @param targetLabels target label of every row of {@code data}
     */
    static double[] validationCurve(ProbeConfig config, FeatureSet data, int[] fitRows, int[] validationRows,
            List<String> targetLabels, LabelMap labelMap, long seed) {
        float[] values = data.toArray();
        int d = data.dimension();
        Standardizer standardizer = Standardizer.fit(values, d, fitRows, config.standardize());
        GradientTrainer.Rows train = new GradientTrainer.Rows(standardizer.transformToFloat(values, d, fitRows), d,
                labelMap.indicesOf(select(targetLabels, fitRows)));
        GradientTrainer.Rows validation = new GradientTrainer.Rows(standardizer.transformToFloat(values, d,
                validationRows), d, labelMap.indicesOf(select(targetLabels, validationRows)));
        long trainingSeed = new SplittableRandom(seed).nextLong();
        return trainerFor(config, fitRows.length).train(train, validation, outputsOf(labelMap), trainingSeed)
                .validationLoss();
    }

    private static List<String> select(List<String> values, int[] rows) {
        List<String> out = new ArrayList<>(rows.length);
        for (int row : rows) {
            out.add(values.get(row));
        }
        return out;
    }

    private static int outputsOf(LabelMap labelMap) {
        return labelMap.size() == 2 ? 1 : labelMap.size();
    }

    private static Optimizer optimizerOf(ProbeConfig config) {
        return config instanceof LogisticProbe logistic ? logistic.optimizer() : ((MlpProbe) config).optimizer();
    }

    /**
     * Returns the gradient trainer of {@code config}: a logistic probe is a network without hidden
     * layers, started at zero, with the L2 term {@code ‖W‖² / (2 C n)} that makes its objective the
     * L-BFGS one divided by {@code C · n}.
     */
    private static GradientTrainer trainerFor(ProbeConfig config, int trainCount) {
        if (config instanceof LogisticProbe logistic) {
            double l2 = 1.0 / (logistic.c() * trainCount);
            return new GradientTrainer(new int[0], Activation.RELU, 0, logistic.optimizer(), l2, false);
        }
        MlpProbe mlp = (MlpProbe) config;
        return new GradientTrainer(mlp.hiddenSizes(), mlp.activation(), mlp.dropout(), mlp.optimizer(), 0, true);
    }

    private static Split validationSplit(FeatureSet data, int[] trainRows, int[] targets, LabelMap labelMap,
            EarlyStopping earlyStopping, long seed) {
        List<String> targetLabels = new ArrayList<>(java.util.Collections.nCopies(data.size(), ""));
        for (int i = 0; i < trainRows.length; i++) {
            targetLabels.set(trainRows[i], labelMap.label(targets[i]));
        }
        return StratifiedGroupSplitter.testFraction(earlyStopping.validationFraction()).withSeed(seed)
                .split(targetLabels, data.groups(), trainRows);
    }

    private static int[] targetsOf(int[] rows, int[] trainRows, int[] targets) {
        java.util.Map<Integer, Integer> targetOfRow = new java.util.HashMap<>();
        for (int i = 0; i < trainRows.length; i++) {
            targetOfRow.put(trainRows[i], targets[i]);
        }
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = targetOfRow.get(rows[i]);
        }
        return out;
    }

    private static void checkTargets(FeatureSet data, int[] trainRows, int[] targets, LabelMap labelMap) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(labelMap, "labelMap");
        if (trainRows.length != targets.length) {
            throw new IllegalArgumentException("trainRows has " + trainRows.length + " entries but targets has "
                    + targets.length + "; give one target per training row");
        }
        if (labelMap.size() < 2) {
            throw new IllegalArgumentException("the label map " + labelMap.labels()
                    + " has fewer than two classes; a probe needs at least two");
        }
        boolean[] seen = new boolean[labelMap.size()];
        int distinct = 0;
        for (int i = 0; i < targets.length; i++) {
            int row = trainRows[i];
            if (row < 0 || row >= data.size()) {
                throw new IllegalArgumentException("training row " + row + " is outside the feature set of "
                        + data.size() + " rows");
            }
            int target = targets[i];
            if (target < 0 || target >= labelMap.size()) {
                throw new IllegalArgumentException("target " + target + " of training row " + row
                        + " is outside the label map " + labelMap.labels());
            }
            if (!seen[target]) {
                seen[target] = true;
                distinct++;
            }
        }
        if (distinct < 2) {
            throw new IllegalArgumentException("the " + targets.length + " training targets hold " + distinct
                    + " class(es); a probe needs at least two classes among its training rows");
        }
    }
}
