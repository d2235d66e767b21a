package org.lens4j.probe.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.lens4j.probe.FeatureSet;
import org.lens4j.probe.ProbeRunner;
import org.lens4j.probe.control.ShuffledLabels;
import org.lens4j.probe.model.GramMatrix;
import org.lens4j.probe.model.KernelLogistic;
import org.lens4j.probe.model.LogisticProbe;
import org.lens4j.probe.model.MlpProbe;
import org.lens4j.probe.split.Split;
import org.lens4j.probe.split.StratifiedGroupSplitter;
import org.lens4j.probe.report.SweepReports;
import org.lens4j.probe.stats.PermutationTest;
import org.lens4j.probe.sweep.LayerKey;
import org.lens4j.probe.sweep.LayerSweep;
import org.lens4j.probe.sweep.SweepResult;

/**
 * Times a layer sweep of the size of the fabric study, for each feature dimension given. The
 * sweep has 5 layers of 500 items (train 150 + 150, test 100 + 100). Each layer gets an MLP main
 * probe, its shuffled-label control and a 1000-permutation kernel-logistic test.
 *
 * <p>Run from the repository root (the commands are in {@code docs/benchmarks-probe.md}):
 * <pre>
 * mvn -o -q -pl lens-probe -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -Xmx6g -Djava.awt.headless=true -cp "lens-probe/target/test-classes:lens-probe/target/classes:$(cat lens-probe/target/test-classpath.txt)" \
 *     org.lens4j.probe.bench.SweepBenchmark 1536,3584
 * </pre>
 * It prints one block of figures per dimension and writes the reports under
 * {@code target/benchmark} of the working directory.
 */
public final class SweepBenchmark {

    private static final int LAYERS = 5;
    private static final int ITEMS = 500;
    private static final int HIDDEN = 256;
    private static final int PERMUTATIONS = 1000;
    private static final long SEED = 11L;

    private SweepBenchmark() {
    }

    /** Runs the benchmark for each comma-separated dimension in {@code args[0]} (default 1536,3584). */
    public static void main(String[] args) throws Exception {
        int[] dimensions = args.length == 0 ? new int[] {1536, 3584}
                : java.util.Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray();
        System.out.printf(Locale.ROOT, "cores %d, max heap %d MiB, %s %s%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        for (int d : dimensions) {
            run(d);
        }
    }

    private static void run(int d) throws Exception {
        Map<LayerKey, FeatureSet> layers = layers(d);
        FeatureSet first = layers.values().iterator().next();
        StratifiedGroupSplitter splitter = StratifiedGroupSplitter.counts(150, 100).withSeed(SEED);
        Split split = splitter.split(first);
        MlpProbe mlp = MlpProbe.of(HIDDEN);

        // Warm-up so that the figures below exclude class loading and JIT compilation.
        ProbeRunner.of(mlp).withSeed(SEED).train(first, split);

        System.out.printf(Locale.ROOT, "d = %d, %d layers × %d items, MLP %d hidden, %d"
                + " permutations%n", d, LAYERS, ITEMS, HIDDEN, PERMUTATIONS);
        Clock clock = new Clock();
        ProbeRunner.of(mlp).withSeed(SEED).train(first, split);
        clock.print("one MLP main probe");
        ProbeRunner.of(mlp).withSeed(SEED).train(first, split, ShuffledLabels.create());
        clock.print("one MLP shuffled control");
        permutationTest(first, split);
        clock.print("one 1000-permutation test");

        SweepResult result = LayerSweep.withDefaults().withProbe(mlp).withSplitter(splitter)
                .withPermutations(PERMUTATIONS).withSeed(SEED).withModelId("synthetic-d" + d)
                .run(layers);
        clock.print("whole sweep, 5 layers");
        System.out.printf(Locale.ROOT, "    recommended %s, test accuracy %.3f, adjusted p %.4f%n",
                result.recommended(), result.recommendedResult().accuracy(),
                result.recommendedResult().adjustedPValue());
        SweepReports.write(result, Path.of("target", "benchmark"), "sweep-d" + d);
    }

    private static void permutationTest(FeatureSet data, Split split) {
        GramMatrix gram = GramMatrix.of(data, split, true);
        int[] labels = data.labelMap().indicesOf(data.labels());
        int[] rows = concat(split.trainRows(), split.testRows());
        int[] splitLabels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            splitLabels[i] = labels[rows[i]];
        }
        KernelLogistic solver = KernelLogistic.of(LogisticProbe.withDefaults());
        int n = split.trainSize();
        PermutationTest.withDefaults().withPermutations(PERMUTATIONS).test(splitLabels,
                labelings -> {
                    int[][] train = new int[labelings.length][];
                    int[][] test = new int[labelings.length][];
                    for (int r = 0; r < labelings.length; r++) {
                        train[r] = java.util.Arrays.copyOfRange(labelings[r], 0, n);
                        test[r] = java.util.Arrays.copyOfRange(labelings[r], n, rows.length);
                    }
                    return solver.fitMany(gram, train, test).accuracies();
                });
    }

    /** Wall-clock and process CPU time since the last print. */
    private static final class Clock {
        private long wall = System.nanoTime();
        private long cpu = processCpuNanos();

        void print(String step) {
            long nowWall = System.nanoTime();
            long nowCpu = processCpuNanos();
            System.out.printf(Locale.ROOT, "  %-28s wall %7.2f s, CPU %7.2f s, load %s%n", step,
                    (nowWall - wall) / 1e9, (nowCpu - cpu) / 1e9, loadAverage());
            System.out.flush();
            wall = System.nanoTime();
            cpu = processCpuNanos();
        }

        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management
                    .ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Five layers of Gaussian noise; layer 1 shifts the class means by ±0.4 in 64 dimensions. */
    private static Map<LayerKey, FeatureSet> layers(int d) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            labels.add(i % 2 == 0 ? "defective" : "normal");
        }
        SplittableRandom random = new SplittableRandom(SEED + d);
        Map<LayerKey, FeatureSet> layers = new LinkedHashMap<>();
        for (int layer = 0; layer < LAYERS; layer++) {
            float[][] x = new float[ITEMS][d];
            for (int i = 0; i < ITEMS; i++) {
                double sign = i % 2 == 0 ? 0.4 : -0.4;
                for (int j = 0; j < d; j++) {
                    double mean = layer == 1 && j < 64 ? sign : 0;
                    x[i][j] = (float) (mean + gaussian(random));
                }
            }
            LayerKey key = new LayerKey("model.layers." + (7 * layer) + ".mlp", "mean");
            layers.put(key, FeatureSet.builder().setFeatures(x).setLabels(labels)
                    .optName(key.toString()).build());
        }
        return layers;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

}
