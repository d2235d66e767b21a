package org.lens4j.probe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lens4j.probe.FeatureSet;
import org.lens4j.probe.TestData;
import org.lens4j.probe.split.Split;
import org.lens4j.probe.split.StratifiedGroupSplitter;

class KernelLogisticTest {

    @Test
    void manyRefitsAreFast() {
        FeatureSet data = TestData.gaussianClasses(250, 3584, 20, 0.4, 11L);
        Split split = StratifiedGroupSplitter.counts(150, 100).withSeed(3).split(data);
        long t0 = System.nanoTime();
        GramMatrix gram = GramMatrix.of(data, split, true);
        long t1 = System.nanoTime();
        int[] train = data.labelMap().indicesOf(pick(data, split.trainRows()));
        int[] test = data.labelMap().indicesOf(pick(data, split.testRows()));
        int[][] sets = new int[200][];
        SplittableRandom random = new SplittableRandom(5);
        for (int k = 0; k < sets.length; k++) {
            sets[k] = train.clone();
            for (int i = sets[k].length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int s = sets[k][i];
                sets[k][i] = sets[k][j];
                sets[k][j] = s;
            }
        }
        KernelFits fits = KernelLogistic.withC(1.0).fitMany(gram, sets, test);
        long t2 = System.nanoTime();
        int iters = 0;
        for (int k = 0; k < fits.size(); k++) {
            iters += fits.iterations(k);
        }
        System.err.println("gram ms " + (t1 - t0) / 1e6 + " fits ms " + (t2 - t1) / 1e6 + " mean iters "
                + iters / (double) fits.size() + " converged " + fits.allConverged());
        KernelFits real = KernelLogistic.withC(1.0).fit(gram, train, test);
        System.err.println("real accuracy " + real.accuracy(0) + " iters " + real.iterations(0));
        assertTrue(fits.allConverged());
    }

    private static java.util.List<String> pick(FeatureSet data, int[] rows) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int row : rows) {
            out.add(data.labels().get(row));
        }
        return out;
    }
}
