package org.lens4j.probe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lens4j.probe.FeatureSet;
import org.lens4j.probe.ProbeResult;
import org.lens4j.probe.ProbeRunner;
import org.lens4j.probe.TestData;
import org.lens4j.probe.split.Split;
import org.lens4j.probe.split.StratifiedGroupSplitter;

class GridSearchTest {

    @Test
    void lowestMeanValidationLossWins() {
        FeatureSet data = TestData.gaussianClasses(50, 10, 3, 1.5, 8L);
        int[] rows = all(data.size());
        GridSearch grid = GridSearch.withDefaults().withBatchSizes(0, 16).withEpochs(5, 40)
                .withLearningRates(1e-4, 3e-2);

        GridSearch.Result result = grid.search(MlpProbe.of(8), data, rows, data.labelMap().indicesOf(data.labels()),
                data.labelMap(), 4L);

        assertEquals(8, result.candidates().size());
        for (GridSearch.Candidate candidate : result.candidates()) {
            assertTrue(result.best().meanValidationLoss() <= candidate.meanValidationLoss(), candidate.toString());
            assertEquals(5, candidate.foldLosses().length);
        }
        MlpProbe chosen = (MlpProbe) result.bestConfig();
        assertEquals(result.best().learningRate(), chosen.optimizer().learningRate());
        assertEquals(result.best().epochs(), chosen.optimizer().epochs());
        assertEquals(result.best().batchSize(), chosen.optimizer().batchSize());
    }

    @Test
    void epochCountsMatchSeparateRuns() {
        FeatureSet data = TestData.gaussianClasses(30, 6, 2, 1.0, 8L);
        int[] rows = all(data.size());
        int[] targets = data.labelMap().indicesOf(data.labels());
        GridSearch shortRun = GridSearch.withDefaults().withBatchSizes(8).withEpochs(3).withLearningRates(1e-2)
                .withFolds(3);
        GridSearch longRun = shortRun.withEpochs(3, 7);

        double alone = shortRun.search(MlpProbe.of(4), data, rows, targets, data.labelMap(), 2L).best()
                .meanValidationLoss();
        double within = longRun.search(MlpProbe.of(4), data, rows, targets, data.labelMap(), 2L).candidates().get(0)
                .meanValidationLoss();

        assertEquals(alone, within);
    }

    @Test
    void runnerRecordsChosenConfig() {
        FeatureSet data = TestData.gaussianClasses(50, 10, 3, 1.5, 8L);
        Split split = StratifiedGroupSplitter.testFraction(0.3).withSeed(1).split(data);
        GridSearch grid = GridSearch.withDefaults().withBatchSizes(0).withEpochs(5, 30).withLearningRates(1e-2)
                .withFolds(3);

        ProbeResult result = ProbeRunner.of(MlpProbe.of(8)).withGridSearch(grid).withSeed(3).train(data, split);

        int epochs = ((MlpProbe) result.config()).optimizer().epochs();
        assertTrue(epochs == 5 || epochs == 30, "epochs " + epochs);
        assertEquals(epochs, result.training().iterations());
    }

    @Test
    void lbfgsProbeIsRejected() {
        FeatureSet data = TestData.gaussianClasses(20, 3, 1, 1.0, 8L);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> GridSearch.withDefaults().search(LogisticProbe.withDefaults(), data, all(data.size()),
                        data.labelMap().indicesOf(data.labels()), data.labelMap(), 1L));

        assertTrue(error.getMessage().contains("LBFGS"), error.getMessage());
    }

    private static int[] all(int n) {
        int[] rows = new int[n];
        java.util.Arrays.setAll(rows, i -> i);
        return rows;
    }
}
