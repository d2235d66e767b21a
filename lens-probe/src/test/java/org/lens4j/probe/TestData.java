package org.lens4j.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded synthetic feature sets for the probe tests. */
public final class TestData {

    private TestData() {
    }

    /**
     * Returns {@code perClass} rows of each of the labels "A" and "B", Gaussian noise of unit
     * variance in {@code d} dimensions plus {@code ±shift/2} along the first {@code informative}
     * dimensions, rows interleaved A, B, A, B, …; one group per row.
     */
    public static FeatureSet gaussianClasses(int perClass, int d, int informative, double shift, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[2 * perClass][d];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 2 * perClass; i++) {
            boolean b = i % 2 == 1;
            labels.add(b ? "B" : "A");
            for (int j = 0; j < d; j++) {
                double mean = 0;
                if (j < informative) {
                    mean = b ? shift / 2 : -shift / 2;
                }
                x[i][j] = (float) (mean + gaussian(random));
            }
        }
        return FeatureSet.builder().setFeatures(x).setLabels(labels).optName("gaussian").build();
    }

    /** Returns a standard normal draw (Box–Muller). */
    public static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
