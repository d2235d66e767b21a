package org.lens4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lens4j.core.store.FeatureStore;
import org.lens4j.core.store.LayerPooling;
import org.lens4j.examples.cli.config.ProbeConfig;
import org.lens4j.probe.FeatureSet;
import org.lens4j.probe.model.Activation;
import org.lens4j.probe.model.GridSearch;
import org.lens4j.probe.model.LogisticProbe;
import org.lens4j.probe.model.MlpProbe;
import org.lens4j.probe.model.Optimizer;
import org.lens4j.probe.report.ReportFiles;
import org.lens4j.probe.report.SweepReports;
import org.lens4j.probe.split.Split;
import org.lens4j.probe.split.StratifiedGroupSplitter;
import org.lens4j.probe.sweep.LayerKey;
import org.lens4j.probe.sweep.LayerSweep;
import org.lens4j.probe.sweep.StoreFeatureSource;
import org.lens4j.probe.sweep.SweepResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lens probe}: trains the probe a VLM-Lens probe file describes on one stored layer, against
 * a shuffled-label control, with a permutation test. When the training grid has several points,
 * 5-fold cross-validation inside the training part picks one first.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Probe one stored layer against a shuffled-label control (VLM-Lens probe YAML keys).")
final class ProbeCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE.yaml", description = "Probe settings.")
    private Path config;

    @Option(names = "--permutations", defaultValue = "1000", description = "Label permutations (default: ${DEFAULT-VALUE}).")
    private int permutations;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the split and the probes (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--dataset", paramLabel = "PATH",
            description = "The images the store was extracted from, so that images of one group stay on one side"
                    + " of the split (see lens sweep --help).")
    private Path dataset;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Report folder (default: model.save_dir, else beside the store).")
    private Path out;

    @Option(names = "--test-fraction", defaultValue = "0.4", description = "Share of items held out for testing (default: ${DEFAULT-VALUE}).")
    private double testFraction;

    @Override
    public Integer call() throws IOException {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("--test-fraction must be between 0 and 1, got " + testFraction);
        }
        ProbeConfig settings = ProbeConfig.read(config);
        try (FeatureStore store = FeatureStore.openReadOnly(settings.inputDb())) {
            LayerKey layer = layerOf(store, settings);
            StoreFeatureSource source = StoreSources.open(store, List.of(layer), dataset, spec.commandLine().getErr());
            StratifiedGroupSplitter splitter = StratifiedGroupSplitter.testFraction(testFraction).withSeed(seed);
            org.lens4j.probe.model.ProbeConfig probe = chooseProbe(settings, source.load(layer), splitter);
            SweepResult result = LayerSweep.withDefaults().withProbe(probe).withSplitter(splitter)
                    .withPermutations(permutations).withSeed(seed).withModelId(settings.inputDb().toString())
                    .run(source);
            Path folder = out != null ? out
                    : settings.saveDir() != null ? settings.saveDir() : settings.inputDb().toAbsolutePath().getParent();
            ReportFiles files = SweepReports.write(result, folder, "probe");
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "%s: accuracy %.3f, shuffled control %.3f, permutation p %.4g; report %s%n",
                    layer, result.recommendedResult().accuracy(),
                    result.recommendedResult().controlAccuracy(),
                    result.recommendedResult().permutation().pValue(), files.markdown());
            out.flush();
        }
        return LensCli.EXIT_OK;
    }

    private static LayerKey layerOf(FeatureStore store, ProbeConfig settings) {
        List<LayerPooling> matches = store.layers().stream()
                .filter(stored -> stored.layer().equals(settings.inputLayer()))
                .filter(stored -> settings.pooling() == null || settings.pooling().equals(stored.pooling()))
                .toList();
        if (matches.size() != 1) {
            throw new IllegalArgumentException("data.input_layer '" + settings.inputLayer() + "'"
                    + (settings.pooling() == null ? "" : " with pooling '" + settings.pooling() + "'")
                    + " matches " + matches.size() + " stored layers; the store has " + store.layers()
                    + (matches.size() > 1 ? "; set data.pooling_method" : ""));
        }
        return new LayerKey(matches.get(0).layer(), matches.get(0).pooling());
    }

    private org.lens4j.probe.model.ProbeConfig chooseProbe(ProbeConfig settings, FeatureSet data,
            StratifiedGroupSplitter splitter) {
        Optimizer optimizer = ("adamw".equals(settings.optimizer()) ? Optimizer.adamW() : Optimizer.adam())
                .withLearningRate(settings.learningRates().get(0))
                .withEpochs(settings.epochs().get(0))
                .withBatchSize(settings.batchSizes().get(0));
        org.lens4j.probe.model.ProbeConfig probe = settings.numLayers() == 1
                ? LogisticProbe.withDefaults().withSolver(LogisticProbe.Solver.ADAM).withOptimizer(optimizer)
                : MlpProbe.of(settings.hiddenSize())
                        .withHiddenSizes(hiddenSizes(settings.hiddenSize(), settings.numLayers() - 1))
                        .withActivation("gelu".equals(settings.activation()) ? Activation.GELU : Activation.RELU)
                        .withOptimizer(optimizer);
        int gridPoints = settings.batchSizes().size() * settings.epochs().size() * settings.learningRates().size();
        if (gridPoints == 1) {
            return probe;
        }
        Split split = splitter.split(data);
        int[] targets = data.labelMap().indicesOf(select(data.labels(), split.trainRows()));
        GridSearch grid = GridSearch.withDefaults()
                .withBatchSizes(settings.batchSizes().stream().mapToInt(Integer::intValue).toArray())
                .withEpochs(settings.epochs().stream().mapToInt(Integer::intValue).toArray())
                .withLearningRates(settings.learningRates().stream().mapToDouble(Double::doubleValue).toArray());
        return grid.search(probe, data, split.trainRows(), targets, data.labelMap(), seed).bestConfig();
    }

    private static int[] hiddenSizes(int width, int count) {
        int[] sizes = new int[count];
        java.util.Arrays.fill(sizes, width);
        return sizes;
    }

    private static List<String> select(List<String> labels, int[] rows) {
        return java.util.Arrays.stream(rows).mapToObj(labels::get).toList();
    }
}
