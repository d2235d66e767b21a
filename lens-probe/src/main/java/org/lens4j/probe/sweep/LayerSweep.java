package org.lens4j.probe.sweep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.lens4j.probe.FeatureSet;
import org.lens4j.probe.LibraryVersion;
import org.lens4j.probe.model.LogisticProbe;
import org.lens4j.probe.model.ProbeConfig;
import org.lens4j.probe.split.Split;
import org.lens4j.probe.split.StratifiedGroupKFold;
import org.lens4j.probe.split.StratifiedGroupSplitter;
import org.lens4j.probe.stats.PValueAdjustment;
import org.lens4j.probe.stats.PermutationTest;
import org.lens4j.probe.stats.internal.Checks;
import org.lens4j.probe.sweep.internal.LayerEvaluator;
import org.lens4j.probe.sweep.internal.LayerTasks;
import org.lens4j.probe.sweep.internal.SweepSeeds;
import org.lens4j.probe.sweep.internal.SweepSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every (module, pooling) pair of a {@link FeatureSource} and recommends a layer.
 *
 * <p>For each layer, with one train/test split shared by all layers:
 * <ol>
 *   <li>the main probe and a shuffled-label control (training labels permuted within the training
 *       part), plus a Hewitt &amp; Liang control task when the features carry type keys, are
 *       trained by the same code and scored on the test part;</li>
 *   <li>Wilson intervals for each accuracy; selectivity (main minus control accuracy) with a
 *       bootstrap interval that resamples groups; McNemar's test of main against control;</li>
 *   <li>a permutation test of the main probe's test accuracy ({@link PermutationMode});</li>
 *   <li>k-fold cross-validation inside the training part, giving mean main accuracy, control
 *       accuracy and selectivity of the probe {@link SelectionMode} names.</li>
 * </ol>
 * The permutation p-values are adjusted across the sweep (Holm by default). Layers are ranked by
 * cross-validated selectivity, then cross-validated accuracy, then source order, and the first is
 * recommended. <b>The test split never influences the choice</b>: the test numbers describe the
 * chosen layer, they do not select it.
 *
 * <p>Every random step derives from {@link #seed()} and {@link #runIndex()}, and every layer uses
 * the same split, folds, control labels, permutations and bootstrap resamples, so layers differ
 * only in their features.
 *
 * <pre>{@code
 * SweepResult result = LayerSweep.withDefaults()
 *         .withProbe(MlpProbe.of(256))
 *         .withSplitter(StratifiedGroupSplitter.counts(150, 100).withSeed(7))
 *         .withModelId("Qwen/Qwen2-VL-2B-Instruct")
 *         .withSeed(42)
 *         .run(FeatureSource.of(featuresByLayer));
 * result.recommended();       // model.layers.14.post_attention_layernorm [mean]
 * SweepReports.write(result, Path.of("reports"), "fabric");
 * }</pre>
 */
public final class LayerSweep {

    /** Default number of label permutations per layer. */
    public static final int DEFAULT_PERMUTATIONS = 1000;

    /** Default number of cross-validation folds inside the training part. */
    public static final int DEFAULT_FOLDS = 5;

    /** Default test fraction when no splitter is given. */
    public static final double DEFAULT_TEST_FRACTION = 0.4;

    /** Default significance level of the report. */
    public static final double DEFAULT_ALPHA = 0.05;

    private static final Logger LOG = LoggerFactory.getLogger(LayerSweep.class);

    private static final LayerSweep DEFAULTS = new LayerSweep(new SweepSettings(
            LogisticProbe.withDefaults(), LogisticProbe.withDefaults(),
            PermutationMode.KERNEL_LOGISTIC, SelectionMode.KERNEL_LOGISTIC, null, DEFAULT_TEST_FRACTION, DEFAULT_FOLDS,
            DEFAULT_PERMUTATIONS, PValueAdjustment.HOLM, DEFAULT_ALPHA, 2000, 0.95, true, 0L, 0,
            "unknown", Runtime.getRuntime().availableProcessors()));

    private final SweepSettings settings;

    private LayerSweep(SweepSettings settings) {
        this.settings = settings;
    }

    /**
     * Returns a sweep with the default logistic probe, kernel-logistic permutation test with
     * {@value #DEFAULT_PERMUTATIONS} permutations, kernel-logistic selection, a stratified grouped split with test fraction
     * {@value #DEFAULT_TEST_FRACTION}, {@value #DEFAULT_FOLDS}-fold cross-validation, Holm
     * adjustment at α = {@value #DEFAULT_ALPHA}, 2000 bootstrap resamples, 95 % intervals, the
     * control task when type keys are present, seed 0, run 0, model id {@code "unknown"} and one
     * layer at a time per available processor.
     */
    public static LayerSweep withDefaults() {
        return DEFAULTS;
    }

    /** Returns a copy whose main probe (and its controls) use {@code config}. */
    public LayerSweep withProbe(ProbeConfig config) {
        Objects.requireNonNull(config, "config");
        return derive(draft -> draft.probe = config);
    }

    /**
     * Returns a copy whose kernel-form logistic refits ({@link PermutationMode#KERNEL_LOGISTIC}
     * and {@link SelectionMode#KERNEL_LOGISTIC}) use the C, tolerance and standardisation of
     * {@code config}.
     */
    public LayerSweep withKernelProbe(LogisticProbe config) {
        Objects.requireNonNull(config, "config");
        return derive(draft -> draft.kernelProbe = config);
    }

    /** Returns a copy that ranks layers by cross-validating the probe {@code mode} names. */
    public LayerSweep withSelectionMode(SelectionMode mode) {
        Objects.requireNonNull(mode, "mode");
        return derive(draft -> draft.selectionMode = mode);
    }

    /** Returns a copy whose permutation test runs in {@code mode}. */
    public LayerSweep withPermutationMode(PermutationMode mode) {
        Objects.requireNonNull(mode, "mode");
        return derive(draft -> draft.permutationMode = mode);
    }

    /**
     * Returns a copy that splits train and test rows with {@code splitter}, whose own seed then
     * fixes the split.
     */
    public LayerSweep withSplitter(StratifiedGroupSplitter splitter) {
        Objects.requireNonNull(splitter, "splitter");
        return derive(draft -> draft.splitter = splitter);
    }

    /**
     * Returns a copy with {@code k}-fold cross-validation inside the training part.
     *
     * @throws IllegalArgumentException if {@code k < 2}
     */
    public LayerSweep withFolds(int k) {
        Checks.atLeast("folds", k, 2);
        return derive(draft -> draft.folds = k);
    }

    /**
     * Returns a copy with {@code m} label permutations per layer.
     *
     * @throws IllegalArgumentException if {@code m < 1}
     */
    public LayerSweep withPermutations(int m) {
        PermutationTest.withDefaults().withPermutations(m);
        return derive(draft -> draft.permutations = m);
    }

    /** Returns a copy that adjusts the permutation p-values with {@code adjustment}. */
    public LayerSweep withAdjustment(PValueAdjustment adjustment) {
        Objects.requireNonNull(adjustment, "adjustment");
        return derive(draft -> draft.adjustment = adjustment);
    }

    /**
     * Returns a copy that marks adjusted p-values below {@code alpha} as significant.
     *
     * @throws IllegalArgumentException if {@code alpha} is outside (0, 0.5] or NaN
     */
    public LayerSweep withAlpha(double alpha) {
        if (!(alpha > 0 && alpha <= 0.5)) {
            throw new IllegalArgumentException("alpha must be in (0, 0.5], got " + alpha);
        }
        return derive(draft -> draft.alpha = alpha);
    }

    /**
     * Returns a copy with {@code count} bootstrap resamples and intervals at {@code level}.
     *
     * @throws IllegalArgumentException if {@code count < 1} or {@code level} is outside (0, 1)
     */
    public LayerSweep withIntervals(int count, double level) {
        Checks.atLeast("resamples", count, 1);
        Checks.confidenceLevel(level);
        return derive(draft -> {
            draft.resamples = count;
            draft.confidenceLevel = level;
        });
    }

    /** Returns a copy that runs the control task when type keys are present, or never. */
    public LayerSweep withControlTask(boolean enabled) {
        return derive(draft -> draft.controlTask = enabled);
    }

    /** Returns a copy with another sweep seed. */
    public LayerSweep withSeed(long seed) {
        return derive(draft -> draft.seed = seed);
    }

    /**
     * Returns a copy with another run index; runs of one seed with different indices draw
     * independent child seeds.
     *
     * @throws IllegalArgumentException if {@code index < 0}
     */
    public LayerSweep withRunIndex(int index) {
        Checks.atLeast("runIndex", index, 0);
        return derive(draft -> draft.runIndex = index);
    }

    /** Returns a copy that records {@code modelId} (with its revision, if known) in results. */
    public LayerSweep withModelId(String modelId) {
        Objects.requireNonNull(modelId, "modelId");
        return derive(draft -> draft.modelId = modelId);
    }

    /**
     * Returns a copy that evaluates up to {@code layers} layers at the same time, each on its own
     * thread. Results do not depend on it, because every layer's random steps are seeded.
     *
     * @throws IllegalArgumentException if {@code layers < 1}
     */
    public LayerSweep withParallelism(int layers) {
        Checks.atLeast("parallelism", layers, 1);
        return derive(draft -> draft.parallelism = layers);
    }

    /** Returns the main probe's configuration. */
    public ProbeConfig probe() {
        return settings.probe();
    }

    /** Returns the selection mode. */
    public SelectionMode selectionMode() {
        return settings.selectionMode();
    }

    /** Returns the permutation mode. */
    public PermutationMode permutationMode() {
        return settings.permutationMode();
    }

    /** Returns the number of permutations per layer. */
    public int permutations() {
        return settings.permutations();
    }

    /** Returns the number of cross-validation folds. */
    public int folds() {
        return settings.folds();
    }

    /** Returns the p-value adjustment. */
    public PValueAdjustment adjustment() {
        return settings.adjustment();
    }

    /** Returns the sweep seed. */
    public long seed() {
        return settings.seed();
    }

    /** Returns the run index. */
    public int runIndex() {
        return settings.runIndex();
    }

    /** Runs the sweep over feature sets in memory, in the map's iteration order. */
    public SweepResult run(Map<LayerKey, FeatureSet> featureSets) {
        return run(FeatureSource.of(featureSets));
    }

    /**
     * Runs the sweep, loading one layer at a time.
     *
     * @throws IllegalArgumentException if the source has no layers, two layers describe different
     *     items, or the data cannot be split or folded as configured
     */
    public SweepResult run(FeatureSource source) {
        Objects.requireNonNull(source, "source");
        List<LayerKey> layers = List.copyOf(source.layers());
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("the feature source has no layers; add at least one");
        }
        long started = System.nanoTime();

        FeatureSet first = source.load(layers.get(0));
        Split split = settings.effectiveSplitter().split(first);
        List<Split> folds = StratifiedGroupKFold.of(settings.folds())
                .withSeed(SweepSeeds.FOLDS.derive(settings.seed(), settings.runIndex()))
                .folds(first.labels(), first.groups(), split.trainRows());
        LayerEvaluator evaluator = new LayerEvaluator(settings, split, folds, LibraryVersion.get());
        List<LayerResult> results = LayerTasks.run(layers, settings.parallelism(), index -> {
            LayerKey layer = layers.get(index);
            FeatureSet data = index == 0 ? first : source.load(layer);
            checkSameItems(layers.get(0), first, layer, data);
            return evaluator.evaluate(layer, data);
        });

        List<LayerResult> ranking = rank(results);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        SweepResult result = new SweepResult(ranking, ranking.get(0).layer(), selectionRule(),
                settings.adjustment(), settings.permutationMode(), permutationProbe(),
                settings.alpha(), chanceLevel(first, split),
                settings.modelId(), LibraryVersion.get(), settings.seed(), settings.runIndex(),
                elapsed);
        LOG.info("Swept {} layers of {} in {} s; recommended {} (test accuracy {}, adjusted p {})",
                layers.size(), settings.modelId(), elapsed.toMillis() / 1000.0,
                result.recommended(), result.recommendedResult().accuracy(),
                result.recommendedResult().adjustedPValue());
        return result;
    }

    /** Returns the ranking rule in words, as recorded in results. */
    public String selectionRule() {
        String probe = settings.selectionMode() == SelectionMode.KERNEL_LOGISTIC
                ? "an L2 logistic probe (" + settings.kernelProbe().describe() + ")"
                : "the main probe (" + settings.probe().describe() + ")";
        return "highest mean " + settings.folds() + "-fold cross-validated selectivity of " + probe
                + ", main minus shuffled-label control accuracy, inside the training part; ties go"
                + " to the higher cross-validated main accuracy, then to the earlier layer";
    }

    private String permutationProbe() {
        return settings.permutationMode() == PermutationMode.KERNEL_LOGISTIC
                ? settings.kernelProbe().describe() + " (kernel form)"
                : settings.probe().describe();
    }

    private List<LayerResult> rank(List<LayerResult> results) {
        double[] raw = results.stream().mapToDouble(r -> r.permutation().pValue()).toArray();
        double[] adjusted = settings.adjustment().adjust(raw);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(
                        i -> -results.get(i).crossValidation().selectivity())
                .thenComparingDouble(i -> -results.get(i).crossValidation().mainAccuracy())
                .thenComparingInt(i -> i));
        List<LayerResult> ranking = new ArrayList<>();
        for (int position = 0; position < order.size(); position++) {
            int i = order.get(position);
            ranking.add(results.get(i).withRanking(position + 1, adjusted[i]));
        }
        return ranking;
    }

    private static double chanceLevel(FeatureSet data, Split split) {
        int[] labels = data.labelMap().indicesOf(data.labels());
        int[] counts = new int[data.labelMap().size()];
        for (int row : split.testRows()) {
            counts[labels[row]]++;
        }
        int majority = 0;
        for (int count : counts) {
            majority = Math.max(majority, count);
        }
        return majority / (double) split.testSize();
    }

    private static void checkSameItems(LayerKey firstLayer, FeatureSet first, LayerKey layer,
            FeatureSet data) {
        if (data != first && !data.hasSameItems(first)) {
            throw new IllegalArgumentException("layer " + layer + " (" + data + ") describes other"
                    + " items than layer " + firstLayer + " (" + first + "); every layer needs the"
                    + " same labels, groups and item ids in the same row order");
        }
    }

    private LayerSweep derive(Consumer<SweepSettings.Draft> change) {
        SweepSettings.Draft draft = settings.toDraft();
        change.accept(draft);
        return new LayerSweep(draft.freeze());
    }

    @Override
    public String toString() {
        return "LayerSweep[" + settings + "]";
    }
}
