package org.lens4j.probe.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lens4j.probe.stats.McNemarTest;
import org.lens4j.probe.stats.PValueAdjustment;
import org.lens4j.probe.stats.PermutationResult;
import org.lens4j.probe.stats.PermutationTest;
import org.lens4j.probe.stats.Selectivity;
import org.lens4j.probe.stats.SelectivityResult;
import org.lens4j.probe.stats.WilsonInterval;
import org.lens4j.probe.sweep.ControlKind;
import org.lens4j.probe.sweep.ControlResult;
import org.lens4j.probe.sweep.CrossValidation;
import org.lens4j.probe.sweep.LayerKey;
import org.lens4j.probe.sweep.LayerResult;
import org.lens4j.probe.sweep.PermutationMode;
import org.lens4j.probe.sweep.Provenance;
import org.lens4j.probe.sweep.SweepResult;

/** Sweep results with made-up accuracies, for testing the reports on their own. */
final class SweepFixtures {

    static final List<String> STUDY_MODULES = List.of(
            "model.layers.14.post_attention_layernorm",
            "model.layers.27.post_attention_layernorm",
            "visual.blocks.15.norm2",
            "visual.blocks.31.norm2",
            "visual.merger.mlp.2");

    private static final int TEST_SIZE = 200;

    private SweepFixtures() {
    }

    /** Returns a sweep over {@code modules} with correct-answer counts out of 200 per layer. */
    static SweepResult sweep(List<String> modules, int[] mainCorrect, int[] controlCorrect,
            boolean controlTask) {
        List<LayerResult> layers = new ArrayList<>();
        for (int i = 0; i < modules.size(); i++) {
            LayerKey key = new LayerKey(modules.get(i), "mean");
            ControlResult shuffled = control(ControlKind.SHUFFLED_LABELS, mainCorrect[i],
                    controlCorrect[i]);
            Optional<ControlResult> task = controlTask
                    ? Optional.of(control(ControlKind.CONTROL_TASK, mainCorrect[i],
                            Math.min(TEST_SIZE, controlCorrect[i] + 12)))
                    : Optional.empty();
            int[] labels = new int[TEST_SIZE];
            int[] predictions = new int[TEST_SIZE];
            for (int k = 0; k < TEST_SIZE; k++) {
                labels[k] = k % 2;
                predictions[k] = k < mainCorrect[i] ? labels[k] : 1 - labels[k];
            }
            PermutationResult permutation = PermutationTest.withDefaults().withPermutations(200)
                    .testPredictions(labels, predictions);
            double cvSelectivity = (mainCorrect[i] - controlCorrect[i]) / (double) TEST_SIZE;
            Provenance provenance = new Provenance("0.1.0-SNAPSHOT", "Qwen/Qwen2-VL-2B-Instruct",
                    key.module(), key.pooling(), 42L, 0, List.of("defective", "normal"), 200,
                    "mlp 256 relu adam", "stratified grouped, test 100+100");
            layers.add(new LayerResult(key, i + 1, 1536, 300, TEST_SIZE,
                    mainCorrect[i] / (double) TEST_SIZE,
                    WilsonInterval.withDefaults().interval(mainCorrect[i], TEST_SIZE), shuffled,
                    task, permutation, permutation.pValue(),
                    new CrossValidation(5, mainCorrect[i] / (double) TEST_SIZE,
                            controlCorrect[i] / (double) TEST_SIZE, cvSelectivity),
                    provenance));
        }
        return new SweepResult(layers, layers.get(0).layer(),
                "highest mean 5-fold cross-validated selectivity on the training part",
                PValueAdjustment.HOLM, PermutationMode.FIXED_PREDICTIONS, "mlp 256 relu adam",
                0.05, 0.5, "Qwen/Qwen2-VL-2B-Instruct", "0.1.0-SNAPSHOT",
                42L, 0, Duration.ofMillis(12_345));
    }

    /** Returns the five-module study sweep with descending accuracies. */
    static SweepResult study(boolean controlTask) {
        return sweep(STUDY_MODULES, new int[] {186, 171, 150, 128, 104},
                new int[] {101, 97, 104, 99, 95}, controlTask);
    }

    private static ControlResult control(ControlKind kind, int mainCorrect, int controlCorrect) {
        boolean[] main = new boolean[TEST_SIZE];
        boolean[] control = new boolean[TEST_SIZE];
        for (int k = 0; k < TEST_SIZE; k++) {
            main[k] = k < mainCorrect;
            control[k] = (k * 7919) % TEST_SIZE < controlCorrect;
        }
        SelectivityResult selectivity = Selectivity.withDefaults().withResamples(200)
                .estimate(main, control);
        return new ControlResult(kind, controlCorrect / (double) TEST_SIZE,
                WilsonInterval.withDefaults().interval(controlCorrect, TEST_SIZE), selectivity,
                McNemarTest.withDefaults().test(main, control));
    }
}
