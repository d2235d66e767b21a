package org.lens4j.probe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.lens4j.probe.FeatureSet;
import org.lens4j.probe.ProbeResult;
import org.lens4j.probe.ProbeRunner;
import org.lens4j.probe.TestData;
import org.lens4j.probe.split.Split;
import org.lens4j.probe.split.StratifiedGroupSplitter;

class MlpProbeTest {

    private static final long XOR_SEED = 1_337L;
    private static final long RUN_SEED = 99L;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Activation.class)
    void mlpLearnsXor(Activation activation) {
        FeatureSet data = xor(400, XOR_SEED);
        Split split = StratifiedGroupSplitter.testFraction(0.25).withSeed(3).split(data);
        MlpProbe mlp = MlpProbe.of(16).withActivation(activation)
                .withOptimizer(Optimizer.adam().withLearningRate(0.03).withEpochs(300));

        ProbeResult result = ProbeRunner.of(mlp).withSeed(RUN_SEED).train(data, split);

        assertTrue(result.accuracy() >= 0.9, activation + " accuracy " + result.accuracy());
    }

    @Test
    void logisticProbeCannotLearnXor() {
        FeatureSet data = xor(400, XOR_SEED);
        Split split = StratifiedGroupSplitter.testFraction(0.25).withSeed(3).split(data);

        ProbeResult result = ProbeRunner.withDefaults().train(data, split);

        assertTrue(result.accuracy() < 0.7, "accuracy " + result.accuracy());
    }

    @Test
    void earlyStoppingKeepsBestEpoch() {
        // Pure noise in 40 dimensions: validation loss rises soon while training loss keeps falling.
        FeatureSet data = TestData.gaussianClasses(60, 40, 0, 0, 5L);
        Split split = StratifiedGroupSplitter.testFraction(0.25).withSeed(3).split(data);
        Optimizer optimizer = Optimizer.adam().withLearningRate(0.01).withEpochs(500)
                .withEarlyStopping(new EarlyStopping(0.25, 10));

        ProbeResult result = ProbeRunner.of(MlpProbe.of(32).withOptimizer(optimizer)).train(data, split);

        TrainingSummary training = result.training();
        assertTrue(training.stoppedEarly(), training.toString());
        assertEquals(training.bestEpoch() + 11, training.iterations(), training.toString());
        assertTrue(training.bestValidationLoss() < training.validationCurve()[training.validationCurve().length - 1],
                training.toString());
    }

    @Test
    void dropoutRunsAreReproducible() {
        FeatureSet data = xor(200, XOR_SEED);
        Split split = StratifiedGroupSplitter.testFraction(0.25).withSeed(3).split(data);
        MlpProbe mlp = MlpProbe.of(8).withActivation(Activation.GELU).withDropout(0.3)
                .withOptimizer(Optimizer.adamW().withEpochs(30).withBatchSize(32));

        ProbeResult first = ProbeRunner.of(mlp).withSeed(RUN_SEED).train(data, split);
        ProbeResult second = ProbeRunner.of(mlp).withSeed(RUN_SEED).train(data, split);

        assertEquals(first.predictions(), second.predictions());
    }

    @Test
    void hiddenSizeBelowOneIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MlpProbe.of(16).withHiddenSizes(8, 0));

        assertTrue(error.getMessage().contains("hidden size 0"), error.getMessage());
    }

    @Test
    void dropoutOfOneIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MlpProbe.of(16).withDropout(1.0));

        assertTrue(error.getMessage().contains("dropout is 1.0"), error.getMessage());
    }

    @Test
    void coefficientsOfMlpAreUnsupported() {
        FeatureSet data = xor(40, XOR_SEED);
        int[] rows = new int[data.size()];
        java.util.Arrays.setAll(rows, i -> i);
        FittedProbe probe = ProbeTrainer.fit(MlpProbe.of(4).withOptimizer(Optimizer.adam().withEpochs(2)), data,
                rows, data.labelMap().indicesOf(data.labels()), data.labelMap(), 1L);

        UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class,
                probe::coefficients);

        assertTrue(error.getMessage().contains("linear probes"), error.getMessage());
    }

    /** Points uniform in [−1, 1]², label "pos" where x·y > 0, pushed 0.1 away from the axes. */
    static FeatureSet xor(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[n][2];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double a = 2 * random.nextDouble() - 1;
            double b = 2 * random.nextDouble() - 1;
            a += Math.signum(a) * 0.1;
            b += Math.signum(b) * 0.1;
            x[i][0] = (float) a;
            x[i][1] = (float) b;
            labels.add(a * b > 0 ? "pos" : "neg");
        }
        return FeatureSet.builder().setFeatures(x).setLabels(labels).optName("xor").build();
    }
}
