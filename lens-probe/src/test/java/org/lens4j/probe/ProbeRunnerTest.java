package org.lens4j.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lens4j.probe.control.ShuffledLabels;
import org.lens4j.probe.model.LogisticProbe;
import org.lens4j.probe.model.MlpProbe;
import org.lens4j.probe.model.Optimizer;
import org.lens4j.probe.split.Split;
import org.lens4j.probe.split.StratifiedGroupSplitter;

class ProbeRunnerTest {

    /** Named seeds of the statistical tests. */
    private static final long DATA_SEED = 20_240_611L;
    private static final long SPLIT_SEED = 7L;
    private static final long RUN_SEED = 42L;

    @Test
    void logisticProbeSeparatesSeparableClasses() {
        FeatureSet data = TestData.gaussianClasses(100, 50, 10, 2.5, DATA_SEED);
        Split split = StratifiedGroupSplitter.counts(60, 40).withSeed(SPLIT_SEED).split(data);

        ProbeResult result = ProbeRunner.withDefaults().withSeed(RUN_SEED).train(data, split);

        assertTrue(result.accuracy() >= 0.95, "accuracy " + result.accuracy());
    }

    @Test
    void mlpProbeSeparatesSeparableClasses() {
        FeatureSet data = TestData.gaussianClasses(100, 50, 10, 2.5, DATA_SEED);
        Split split = StratifiedGroupSplitter.counts(60, 40).withSeed(SPLIT_SEED).split(data);
        MlpProbe mlp = MlpProbe.of(32).withOptimizer(Optimizer.adamW().withLearningRate(0.01).withEpochs(100));

        ProbeResult result = ProbeRunner.of(mlp).withSeed(RUN_SEED).train(data, split);

        assertTrue(result.accuracy() >= 0.95, "accuracy " + result.accuracy());
    }

    @Test
    void shuffledLabelControlSitsAtChance() {
        // Ten independent data sets: the mean test accuracy of the shuffled-label probe has standard
        // error sqrt(0.25 / (10 · 80)) under the null, and true labels are separable.
        int runs = 10;
        int testSize = 80;
        double sum = 0;
        for (int run = 0; run < runs; run++) {
            FeatureSet data = TestData.gaussianClasses(100, 30, 10, 2.5, DATA_SEED + run);
            Split split = StratifiedGroupSplitter.counts(60, 40).withSeed(SPLIT_SEED + run).split(data);
            ProbeResult control = ProbeRunner.withDefaults().withSeed(RUN_SEED).train(data, split,
                    ShuffledLabels.create(), run);
            sum += control.accuracy();
        }
        double mean = sum / runs;
        double standardError = Math.sqrt(0.25 / (runs * testSize));

        assertEquals(0.5, mean, 3 * standardError, "mean shuffled-label accuracy");
    }

    @Test
    void sameSeedGivesIdenticalPredictions() {
        FeatureSet data = TestData.gaussianClasses(60, 20, 5, 1.0, DATA_SEED);
        Split split = StratifiedGroupSplitter.testFraction(0.3).withSeed(SPLIT_SEED).split(data);
        MlpProbe mlp = MlpProbe.of(16).withDropout(0.2)
                .withOptimizer(Optimizer.adam().withLearningRate(0.01).withEpochs(20).withBatchSize(16));
        ProbeRunner runner = ProbeRunner.of(mlp).withSeed(RUN_SEED);

        ProbeResult first = runner.train(data, split, Control.NONE, 3);
        ProbeResult second = runner.train(data, split, Control.NONE, 3);

        assertEquals(first.predictions(), second.predictions());
        assertEquals(first.training(), second.training());
    }

    @Test
    void otherRunIndexDrawsOtherInitialisation() {
        FeatureSet data = TestData.gaussianClasses(60, 20, 5, 1.0, DATA_SEED);
        Split split = StratifiedGroupSplitter.testFraction(0.3).withSeed(SPLIT_SEED).split(data);
        MlpProbe mlp = MlpProbe.of(16).withOptimizer(Optimizer.adam().withEpochs(5));
        ProbeRunner runner = ProbeRunner.of(mlp).withSeed(RUN_SEED);

        ProbeResult first = runner.train(data, split, Control.NONE, 0);
        ProbeResult second = runner.train(data, split, Control.NONE, 1);

        assertTrue(first.training().finalTrainingLoss() != second.training().finalTrainingLoss(),
                "both runs ended at loss " + first.training().finalTrainingLoss());
    }

    @Test
    void resultDescribesItself() {
        FeatureSet data = TestData.gaussianClasses(30, 5, 2, 2.0, DATA_SEED).withName("layer.7/MEAN");
        Split split = StratifiedGroupSplitter.counts(20, 10).withSeed(SPLIT_SEED).split(data);

        ProbeResult result = ProbeRunner.withDefaults().withSeed(RUN_SEED).train(data, split, Control.NONE, 4);

        assertEquals("layer.7/MEAN", result.featureSetName());
        assertEquals("none", result.control());
        assertEquals(RUN_SEED, result.seed());
        assertEquals(4, result.runIndex());
        assertEquals(List.of("A", "B"), result.labelMap().labels());
        assertEquals(40, result.trainSize());
        assertEquals(20, result.testSize());
        assertEquals(20, result.predictions().size());
        assertEquals(0.5, result.majorityBaseline());
        assertEquals(LibraryVersion.get(), result.libraryVersion());
        assertTrue(!result.libraryVersion().equals(LibraryVersion.UNKNOWN), "version " + result.libraryVersion());
        assertTrue(result.split().contains("test 10 A + 10 B"), result.split());
    }

    @Test
    void predictionsCarryItemIdsOfTestRows() {
        FeatureSet base = TestData.gaussianClasses(10, 3, 1, 2.0, DATA_SEED);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            ids.add("img-" + i);
        }
        FeatureSet data = FeatureSet.builder().setFeatures(base.features()).setLabels(base.labels())
                .optItemIds(ids).build();
        Split split = StratifiedGroupSplitter.counts(6, 4).withSeed(SPLIT_SEED).split(data);

        ProbeResult result = ProbeRunner.withDefaults().train(data, split);

        int[] test = split.testRows();
        for (int i = 0; i < test.length; i++) {
            assertEquals("img-" + test[i], result.predictions().get(i).itemId());
        }
    }

    @Test
    void balancedAccuracyAveragesClassRecalls() {
        // 45 A + 5 B without signal: a strongly regularised probe predicts A, so accuracy is 0.9 and balanced 0.5.
        FeatureSet base = TestData.gaussianClasses(25, 2, 0, 0, DATA_SEED);
        List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            labels.add(i < 45 ? "A" : "B");
        }
        FeatureSet data = base.withLabels(labels);
        Split split = StratifiedGroupSplitter.testFraction(0.2).withSeed(SPLIT_SEED).split(data);

        ProbeResult result = ProbeRunner.of(LogisticProbe.withDefaults().withC(1e-4)).train(data, split);

        assertEquals(0.9, result.accuracy(), 1e-12);
        assertEquals(0.5, result.balancedAccuracy(), 1e-12);
        assertEquals(0.9, result.majorityBaseline(), 1e-12);
    }

    @Test
    void splitBeyondFeatureSetIsRejected() {
        FeatureSet data = TestData.gaussianClasses(10, 3, 1, 2.0, DATA_SEED);
        Split split = new Split(new int[] {0, 1, 2, 3}, new int[] {25}, 0, "manual");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ProbeRunner.withDefaults().train(data, split));

        assertTrue(error.getMessage().contains("row 25"), error.getMessage());
    }

    @Test
    void correctFlagsMatchPredictions() {
        FeatureSet data = TestData.gaussianClasses(30, 5, 2, 1.0, DATA_SEED);
        Split split = StratifiedGroupSplitter.counts(20, 10).withSeed(SPLIT_SEED).split(data);

        ProbeResult result = ProbeRunner.withDefaults().train(data, split);

        boolean[] correct = result.correct();
        int[] predicted = result.predictedIndices();
        int[] target = result.targetIndices();
        boolean[] expected = new boolean[correct.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = predicted[i] == target[i];
        }
        assertArrayEquals(expected, correct);
        assertEquals(result.accuracy(), result.correctCount() / (double) result.testSize(), 1e-12);
    }
}
