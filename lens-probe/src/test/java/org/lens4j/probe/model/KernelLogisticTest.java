package org.lens4j.probe.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.lens4j.probe.FeatureSet;
import org.lens4j.probe.TestData;
import org.lens4j.probe.split.Split;
import org.lens4j.probe.split.StratifiedGroupSplitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class KernelLogisticTest {

    private static final Logger LOG = LoggerFactory.getLogger(KernelLogisticTest.class);

    /** Primal and kernel decision values must agree to this; measured difference 1.3e-10. */
    private static final double EQUIVALENCE_TOLERANCE = 1e-6;

    /**
     * Warm-started and cold fits agree to this; measured difference 2.7e-9, since both stop at
     * residual 1e-10 from different sides.
     */
    private static final double WARM_START_TOLERANCE = 1e-7;

    private static final long DATA_SEED = 11L;
    private static final long PERMUTATION_SEED = 5L;

    @Test
    void kernelFitEqualsPrimalProbe() {
        FeatureSet data = TestData.gaussianClasses(50, 150, 10, 0.8, DATA_SEED);
        Split split = StratifiedGroupSplitter.counts(30, 20).withSeed(3).split(data);
        LogisticProbe primal = LogisticProbe.withDefaults().withC(0.5).withTolerance(1e-12);
        FittedProbe probe = ProbeTrainer.fit(primal, data, split.trainRows(), targets(data, split.trainRows()),
                data.labelMap(), 1L);

        KernelFits kernel = KernelLogistic.withC(0.5).withTolerance(1e-12).fit(GramMatrix.of(data, split, true),
                targets(data, split.trainRows()), targets(data, split.testRows()));

        double[][] expected = probe.decisionValues(data, split.testRows());
        double[] actual = kernel.decisionValues(0);
        for (int i = 0; i < actual.length; i++) {
            assertEquals(expected[i][0], actual[i], EQUIVALENCE_TOLERANCE, "test row " + i);
        }
        assertArrayEquals(probe.predict(data, split.testRows()), kernel.predictions(0));
    }

    @Test
    void newtonKernelSolverEqualsLbfgsSolver() {
        FeatureSet data = TestData.gaussianClasses(40, 120, 10, 0.8, DATA_SEED);
        Split split = StratifiedGroupSplitter.counts(25, 15).withSeed(3).split(data);
        LogisticProbe lbfgs = LogisticProbe.withDefaults().withTolerance(1e-12);
        LogisticProbe newton = lbfgs.withSolver(LogisticProbe.Solver.NEWTON_KERNEL);
        int[] train = targets(data, split.trainRows());

        FittedProbe first = ProbeTrainer.fit(lbfgs, data, split.trainRows(), train, data.labelMap(), 1L);
        FittedProbe second = ProbeTrainer.fit(newton, data, split.trainRows(), train, data.labelMap(), 1L);

        double[][] expected = first.decisionValues(data, split.testRows());
        double[][] actual = second.decisionValues(data, split.testRows());
        for (int i = 0; i < actual.length; i++) {
            assertEquals(expected[i][0], actual[i][0], EQUIVALENCE_TOLERANCE, "test row " + i);
        }
    }

    @Test
    void warmStartedBatchEqualsSingleFits() {
        FeatureSet data = TestData.gaussianClasses(60, 300, 10, 0.5, DATA_SEED);
        Split split = StratifiedGroupSplitter.counts(40, 20).withSeed(3).split(data);
        GramMatrix gram = GramMatrix.of(data, split, true);
        int[][] sets = permutations(targets(data, split.trainRows()), 20, PERMUTATION_SEED);
        int[] test = targets(data, split.testRows());
        KernelLogistic solver = KernelLogistic.withC(1.0).withThreads(2);

        KernelFits batch = solver.fitMany(gram, sets, test);

        assertTrue(batch.allConverged());
        for (int k = 0; k < sets.length; k++) {
            double[] single = solver.fit(gram, sets[k], test).decisionValues(0);
            assertArrayEquals(single, batch.decisionValues(k), WARM_START_TOLERANCE, "label set " + k);
        }
    }

    @Test
    void resultsDoNotDependOnThreads() {
        FeatureSet data = TestData.gaussianClasses(40, 80, 5, 0.5, DATA_SEED);
        Split split = StratifiedGroupSplitter.counts(25, 15).withSeed(3).split(data);
        GramMatrix gram = GramMatrix.of(data, split, true);
        int[][] sets = permutations(targets(data, split.trainRows()), 300, PERMUTATION_SEED);
        int[] test = targets(data, split.testRows());

        KernelFits one = KernelLogistic.withC(1.0).withThreads(1).fitMany(gram, sets, test);
        KernelFits two = KernelLogistic.withC(1.0).withThreads(2).fitMany(gram, sets, test);

        for (int k = 0; k < sets.length; k++) {
            assertArrayEquals(one.decisionValues(k), two.decisionValues(k), 0.0, "label set " + k);
        }
    }

    @Test
    void oneClassTargetsAreRejected() {
        GramMatrix gram = GramMatrix.of(new double[] {1, 0, 0, 1}, new double[] {1, 0}, 1);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> KernelLogistic.withC(1).fit(gram, new int[] {1, 1}, new int[] {0}));

        assertTrue(error.getMessage().contains("only class 1"), error.getMessage());
    }

    @Test
    void targetOutsideZeroOneIsRejected() {
        GramMatrix gram = GramMatrix.of(new double[] {1, 0, 0, 1}, new double[] {1, 0}, 1);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> KernelLogistic.withC(1).fit(gram, new int[] {0, 2}, new int[] {0}));

        assertTrue(error.getMessage().contains("trainTargets[0][1] is 2"), error.getMessage());
    }

    @Test
    void targetsOfWrongLengthAreRejected() {
        GramMatrix gram = GramMatrix.of(new double[] {1, 0, 0, 1}, new double[] {1, 0}, 1);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> KernelLogistic.withC(1).fit(gram, new int[] {0, 1, 1}, new int[] {0}));

        assertTrue(error.getMessage().contains("3 entries"), error.getMessage());
    }

    /** Runs the permutation-test workload and logs its time; enable with {@code -Dlens.benchmark=true}. */
    @Test
    @EnabledIfSystemProperty(named = "lens.benchmark", matches = "true")
    void thousandRefitsOfStudySize() {
        FeatureSet data = TestData.gaussianClasses(250, 3584, 20, 0.4, DATA_SEED);
        Split split = StratifiedGroupSplitter.counts(150, 100).withSeed(3).split(data);
        long started = System.nanoTime();
        GramMatrix gram = GramMatrix.of(data, split, true);
        long gramDone = System.nanoTime();
        int[][] sets = permutations(targets(data, split.trainRows()), 1000, PERMUTATION_SEED);

        KernelFits fits = KernelLogistic.withC(1.0).fitMany(gram, sets, targets(data, split.testRows()));

        long finished = System.nanoTime();
        LOG.info("Gram matrix {} ms, 1000 refits {} ms", (gramDone - started) / 1_000_000,
                (finished - gramDone) / 1_000_000);
        assertTrue(fits.allConverged());
    }

    private static int[] targets(FeatureSet data, int[] rows) {
        List<String> labels = new ArrayList<>();
        for (int row : rows) {
            labels.add(data.labels().get(row));
        }
        return data.labelMap().indicesOf(labels);
    }

    private static int[][] permutations(int[] labels, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] sets = new int[count][];
        for (int k = 0; k < count; k++) {
            int[] set = labels.clone();
            for (int i = set.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = set[i];
                set[i] = set[j];
                set[j] = swap;
            }
            sets[k] = set;
        }
        return sets;
    }
}
