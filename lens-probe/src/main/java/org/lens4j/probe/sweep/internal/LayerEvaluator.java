package org.lens4j.probe.sweep.internal;

import java.util.List;
import java.util.Optional;
import org.lens4j.probe.Control;
import org.lens4j.probe.FeatureSet;
import org.lens4j.probe.ProbeResult;
import org.lens4j.probe.ProbeRunner;
import org.lens4j.probe.control.ControlTask;
import org.lens4j.probe.control.ShuffledLabels;
import org.lens4j.probe.split.Split;
import org.lens4j.probe.stats.ConfidenceInterval;
import org.lens4j.probe.stats.McNemarTest;
import org.lens4j.probe.stats.PermutationResult;
import org.lens4j.probe.stats.Selectivity;
import org.lens4j.probe.stats.SelectivityResult;
import org.lens4j.probe.stats.WilsonInterval;
import org.lens4j.probe.sweep.ControlKind;
import org.lens4j.probe.sweep.ControlResult;
import org.lens4j.probe.sweep.CrossValidation;
import org.lens4j.probe.sweep.LayerKey;
import org.lens4j.probe.sweep.LayerResult;
import org.lens4j.probe.sweep.Provenance;
import org.lens4j.probe.sweep.SelectionMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes everything a sweep reports for one layer: main and control probes on the shared split,
 * intervals, paired tests, the permutation test and cross-validated scores on the training part.
 */
public final class LayerEvaluator {

    private static final Logger LOG = LoggerFactory.getLogger(LayerEvaluator.class);

    private final SweepSettings settings;
    private final Split split;
    private final List<Split> folds;
    private final String libraryVersion;

    /**
     * Creates an evaluator for layers that share {@code split} and the cross-validation
     * {@code folds} of its training part.
     */
    public LayerEvaluator(SweepSettings settings, Split split, List<Split> folds,
            String libraryVersion) {
        this.settings = settings;
        this.split = split;
        this.folds = folds;
        this.libraryVersion = libraryVersion;
    }

    /**
     * Evaluates one layer. The result has rank 0 and its raw permutation p-value as the adjusted
     * one; the sweep sets both after all layers are done.
     */
    public LayerResult evaluate(LayerKey layer, FeatureSet data) {
        long started = System.nanoTime();
        ProbeRunner runner = ProbeRunner.of(settings.probe()).withSeed(settings.probeSeed());
        int[] testGroups = GroupIds.of(data.groups(), split.testRows());

        ProbeResult main = runner.train(data, split, Control.NONE, settings.runIndex());
        ProbeResult shuffled = runner.train(data, split, ShuffledLabels.create(),
                settings.runIndex());
        ControlResult shuffledResult = control(ControlKind.SHUFFLED_LABELS, main, shuffled,
                testGroups);
        Optional<ControlResult> taskResult = Optional.empty();
        if (settings.controlTask() && data.typeKeys().isPresent()) {
            ProbeResult task = runner.train(data, split, ControlTask.create(), settings.runIndex());
            taskResult = Optional.of(control(ControlKind.CONTROL_TASK, main, task, testGroups));
        }
        PermutationResult permutation = new PermutationRunner(settings, split)
                .run(data, main, runner, testGroups);
        CrossValidation crossValidation = crossValidate(runner, data);

        LOG.debug("Layer {}: accuracy {}, shuffled control {}, permutation p {}, CV selectivity {}"
                + " ({} ms)", layer, main.accuracy(), shuffled.accuracy(), permutation.pValue(),
                crossValidation.selectivity(), (System.nanoTime() - started) / 1_000_000);
        return new LayerResult(layer, 0, data.dimension(), split.trainSize(), split.testSize(),
                main.accuracy(), wilson(main), shuffledResult, taskResult, permutation,
                permutation.pValue(), crossValidation, provenance(layer, main));
    }

    private ControlResult control(ControlKind kind, ProbeResult main, ProbeResult control,
            int[] testGroups) {
        SelectivityResult selectivity = Selectivity.withDefaults()
                .withResamples(settings.resamples())
                .withConfidenceLevel(settings.confidenceLevel())
                .withSeed(SweepSeeds.BOOTSTRAP.derive(settings.seed(), settings.runIndex()))
                .estimate(main.correct(), control.correct(), testGroups);
        return new ControlResult(kind, control.accuracy(), wilson(control), selectivity,
                McNemarTest.withDefaults().test(main.correct(), control.correct()));
    }

    private ConfidenceInterval wilson(ProbeResult result) {
        return WilsonInterval.withDefaults().withConfidenceLevel(settings.confidenceLevel())
                .interval(result.correctCount(), result.testSize());
    }

    private CrossValidation crossValidate(ProbeRunner runner, FeatureSet data) {
        double main = 0;
        double control = 0;
        for (Split fold : folds) {
            double[] accuracies = settings.selectionMode() == SelectionMode.KERNEL_LOGISTIC
                    ? KernelSelection.accuracies(settings, data, fold)
                    : new double[] {
                        runner.train(data, fold, Control.NONE, settings.runIndex()).accuracy(),
                        runner.train(data, fold, ShuffledLabels.create(), settings.runIndex())
                                .accuracy()};
            main += accuracies[0];
            control += accuracies[1];
        }
        int k = folds.size();
        return new CrossValidation(k, main / k, control / k, (main - control) / k);
    }

    private Provenance provenance(LayerKey layer, ProbeResult main) {
        return new Provenance(libraryVersion, settings.modelId(), layer.module(), layer.pooling(),
                settings.seed(), settings.runIndex(), main.labelMap().labels(),
                settings.permutations(), settings.probe().describe(), split.description());
    }
}
