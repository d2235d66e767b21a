package org.lens4j.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lens4j.core.store.FeatureStore;
import org.lens4j.core.store.LayerPooling;
import org.lens4j.probe.report.ReportFiles;
import org.lens4j.probe.report.SweepReports;
import org.lens4j.probe.split.StratifiedGroupSplitter;
import org.lens4j.probe.stats.PValueAdjustment;
import org.lens4j.probe.sweep.LayerKey;
import org.lens4j.probe.sweep.LayerResult;
import org.lens4j.probe.sweep.LayerSweep;
import org.lens4j.probe.sweep.SweepResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lens sweep}: compares stored layers with main and control probes and writes the report. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Rank stored layers by cross-validated selectivity (main minus control probe), with corrected p-values.")
final class SweepCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--db", required = true, paramLabel = "FILE", description = "Feature store (SQLite).")
    private Path db;

    @Option(names = "--layers", split = ",", paramLabel = "MODULE",
            description = "Modules to compare, comma-separated (default: every stored layer).")
    private List<String> layers;

    @Option(names = "--dataset", paramLabel = "PATH",
            description = "The images the store was extracted from (a fabric dataset folder, label sub-folders, or a"
                    + " CSV image_path,label,prompt,group), so that images of one group stay on one side of the split.")
    private Path dataset;

    @Option(names = "--pooling", description = "Pooling of the rows to compare, when a module has several.")
    private String pooling;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: beside the store).")
    private Path out;

    @Option(names = "--permutations", defaultValue = "1000", description = "Label permutations per layer (default: ${DEFAULT-VALUE}).")
    private int permutations;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the split and the probes (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--adjust", defaultValue = "holm", description = "p-value adjustment across layers: holm or bh (default: ${DEFAULT-VALUE}).")
    private String adjust;

    @Override
    public Integer call() throws java.io.IOException {
        try (FeatureStore store = FeatureStore.openReadOnly(db)) {
            List<LayerKey> keys = selectLayers(store);
            SweepResult result = LayerSweep.withDefaults()
                    .withSplitter(StratifiedGroupSplitter.testFraction(LayerSweep.DEFAULT_TEST_FRACTION).withSeed(seed))
                    .withPermutations(permutations).withSeed(seed).withAdjustment(adjustment())
                    .withModelId(db.getFileName().toString())
                    .run(StoreSources.open(store, keys, dataset, spec.commandLine().getErr()));
            Path folder = out != null ? out : db.toAbsolutePath().getParent();
            ReportFiles files = SweepReports.write(result, folder, "sweep");
            PrintWriter writer = spec.commandLine().getOut();
            for (LayerResult layer : result.ranking()) {
                writer.printf(Locale.ROOT, "%d. %s  accuracy %.3f  control %.3f  adjusted p %.4g%n", layer.rank(),
                        layer.layer(), layer.accuracy(), layer.controlAccuracy(), layer.adjustedPValue());
            }
            writer.println("recommended: " + result.recommended() + " (" + result.selectionRule() + ")");
            writer.println("report: " + files.markdown());
            writer.flush();
        }
        return LensCli.EXIT_OK;
    }

    private List<LayerKey> selectLayers(FeatureStore store) {
        List<LayerKey> keys = new ArrayList<>();
        for (LayerPooling stored : store.layers()) {
            boolean layerSelected = layers == null || layers.contains(stored.layer());
            boolean poolingSelected = pooling == null || pooling.equals(stored.pooling());
            if (layerSelected && poolingSelected) {
                keys.add(new LayerKey(stored.layer(), stored.pooling()));
            }
        }
        if (layers != null) {
            for (String layer : layers) {
                if (keys.stream().noneMatch(key -> key.module().equals(layer))) {
                    throw new IllegalArgumentException("layer '" + layer + "' is not in " + db + "; stored: "
                            + store.layers());
                }
            }
        }
        if (store.layers().isEmpty()) {
            throw new IllegalArgumentException("the store " + db + " contains no features; fill it with lens extract");
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no stored layer has pooling '" + pooling + "' in " + db + "; stored: "
                    + store.layers());
        }
        return keys;
    }

    private PValueAdjustment adjustment() {
        switch (adjust.toLowerCase(Locale.ROOT)) {
            case "holm":
                return PValueAdjustment.HOLM;
            case "bh":
                return PValueAdjustment.BENJAMINI_HOCHBERG;
            default:
                throw new IllegalArgumentException("unknown --adjust '" + adjust + "'; allowed: holm, bh");
        }
    }
}
