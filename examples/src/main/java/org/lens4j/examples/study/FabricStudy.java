package org.lens4j.examples.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lens4j.core.capture.CaptureRequest;
import org.lens4j.core.pool.Pooling;
import org.lens4j.core.pool.PoolingSpec;
import org.lens4j.core.pool.TokenSubset;
import org.lens4j.core.store.FeatureStore;
import org.lens4j.core.store.LayerPooling;
import org.lens4j.core.store.RunInfo;
import org.lens4j.examples.fabric.FabricDatasetGenerator;
import org.lens4j.examples.fabric.FabricManifest;
import org.lens4j.examples.fabric.FabricSample;
import org.lens4j.examples.fabric.FabricSpec;
import org.lens4j.examples.fabric.TextureLibrary;
import org.lens4j.models.LensModel;
import org.lens4j.probe.model.MlpProbe;
import org.lens4j.probe.report.ReportFiles;
import org.lens4j.probe.report.SweepReports;
import org.lens4j.probe.split.StratifiedGroupSplitter;
import org.lens4j.probe.sweep.LayerKey;
import org.lens4j.probe.sweep.LayerSweep;
import org.lens4j.probe.sweep.SweepResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fabric-defect layer study: which module of a Qwen2-VL model separates normal from defective
 * fabric, judged by a main probe against control probes.
 *
 * <p>Steps: generate (or reuse) a paired dataset, extract the study modules into a SQLite feature
 * store (resuming stored rows), split by pair (a pair never straddles train and test), train a
 * two-layer MLP probe and its controls (shuffled labels, and the Hewitt and Liang task keyed on the
 * texture), run permutation tests, adjust across modules (Holm), and write the report.
 *
 * <pre>{@code
 * StudyOutcome outcome = FabricStudy.withDefaults().withPairs(20).withOutput(Path.of("study")).run();
 * System.out.println(outcome.sweep().recommended());
 * }</pre>
 *
 * @param modelFolder a Qwen2-VL or Qwen2.5-VL folder, or null for the built-in random-weight network
 * @param texturesFolder a folder of fabric images, or null for installed patterns or procedural weaves
 * @param output the folder for the dataset, the store and the report
 * @param seed the seed of the dataset, the built-in weights, the split and the probes
 * @param pairs number of (normal, defective) pairs
 * @param modules the modules to compare
 * @param prompt the prompt sent with each image
 * @param batchSize images per forward pass
 * @param permutations label permutations per module for the permutation test
 * @param hiddenSize width of the MLP probe's hidden layer
 */
public record FabricStudy(Path modelFolder, Path texturesFolder, Path output, long seed, int pairs,
        List<String> modules, String prompt, int batchSize, int permutations, int hiddenSize) {

    /** The five modules of the distillation question. */
    public static final List<String> STUDY_MODULES = List.of(
            "model.layers.14.post_attention_layernorm",
            "model.layers.27.post_attention_layernorm",
            "visual.blocks.15.norm2",
            "visual.blocks.31.norm2",
            "visual.merger.mlp.2");

    /** The default prompt. */
    public static final String DEFAULT_PROMPT = "Is there a defect in this fabric?";

    private static final Logger LOG = LoggerFactory.getLogger(FabricStudy.class);
    private static final double TRAIN_SHARE = 0.6;
    private static final int IMAGE_SIZE = 224;
    private static final int TEXTURE_SIZE = 256;

    /** Validates the settings, naming the bad value. */
    public FabricStudy {
        Objects.requireNonNull(output, "output");
        modules = List.copyOf(modules);
        if (pairs < 5) {
            throw new IllegalArgumentException("pairs must be at least 5 so both splits hold each class, got "
                    + pairs);
        }
        if (modules.isEmpty()) {
            throw new IllegalArgumentException("at least one module is required");
        }
        if (batchSize < 1 || permutations < 1 || hiddenSize < 1) {
            throw new IllegalArgumentException("batch size, permutations and hidden size must be positive, got "
                    + batchSize + ", " + permutations + ", " + hiddenSize);
        }
    }

    /** Returns the study's defaults: 250 pairs, the five modules, seed 7, output {@code fabric-study}. */
    public static FabricStudy withDefaults() {
        return new FabricStudy(null, null, Path.of("fabric-study"), 7L, 250, STUDY_MODULES, DEFAULT_PROMPT, 8, 1000,
                128);
    }

    /** Returns a copy that runs on the model in {@code folder} (null: the built-in network). */
    public FabricStudy withModel(Path folder) {
        return new FabricStudy(folder, texturesFolder, output, seed, pairs, modules, prompt, batchSize, permutations,
                hiddenSize);
    }

    /** Returns a copy that cuts its fabrics from the images in {@code folder}. */
    public FabricStudy withTextures(Path folder) {
        return new FabricStudy(modelFolder, folder, output, seed, pairs, modules, prompt, batchSize, permutations,
                hiddenSize);
    }

    /** Returns a copy that writes into {@code folder}. */
    public FabricStudy withOutput(Path folder) {
        return new FabricStudy(modelFolder, texturesFolder, folder, seed, pairs, modules, prompt, batchSize,
                permutations, hiddenSize);
    }

    /** Returns a copy with another seed. */
    public FabricStudy withSeed(long value) {
        return new FabricStudy(modelFolder, texturesFolder, output, value, pairs, modules, prompt, batchSize,
                permutations, hiddenSize);
    }

    /** Returns a copy with another number of pairs. */
    public FabricStudy withPairs(int value) {
        return new FabricStudy(modelFolder, texturesFolder, output, seed, value, modules, prompt, batchSize,
                permutations, hiddenSize);
    }

    /** Returns a copy comparing other modules. */
    public FabricStudy withModules(List<String> value) {
        return new FabricStudy(modelFolder, texturesFolder, output, seed, pairs, value, prompt, batchSize,
                permutations, hiddenSize);
    }

    /** Returns a copy with another prompt. */
    public FabricStudy withPrompt(String value) {
        return new FabricStudy(modelFolder, texturesFolder, output, seed, pairs, modules, value, batchSize,
                permutations, hiddenSize);
    }

    /** Returns a copy with another number of permutations per module. */
    public FabricStudy withPermutations(int value) {
        return new FabricStudy(modelFolder, texturesFolder, output, seed, pairs, modules, prompt, batchSize, value,
                hiddenSize);
    }

    /**
     * Runs the whole study, reusing the dataset and the stored features of an earlier run in the
     * same output folder.
     *
     * @throws IOException when a file cannot be read or written
     */
    public StudyOutcome run() throws IOException {
        long started = System.nanoTime();
        List<LabelledImage> images = LabelledImages.fromFabric(dataset());
        String modelDescription;
        FeatureExtractor.Summary extraction;
        List<LayerKey> layers;
        Path storeFile = output.resolve("features.db");
        try (LensModel model = StudyModel.open(modelFolder, seed);
                FeatureStore store = FeatureStore.open(storeFile)) {
            modelDescription = StudyModel.isBuiltin(modelFolder) ? StudyModel.BUILTIN_DESCRIPTION : model.modelId();
            CaptureRequest request = captureRequest();
            RunInfo run = RunInfo.of(model.modelId(), model.familyId()).withSeed(seed);
            try (ProgressBar bar = ProgressBar.onStandardError("extract", images.size())) {
                extraction = new FeatureExtractor(model, request, prompt, batchSize).run(images, store, run, bar);
            }
            layers = studyLayers(store);
            SweepResult sweep = sweep(store, layers, model.modelId(), images, modelDescription);
            ReportFiles files = SweepReports.write(sweep, output.resolve("report"), "fabric-study");
            long millis = (System.nanoTime() - started) / 1_000_000;
            LOG.info("fabric study finished in {} s; recommended layer: {}", millis / 1000, sweep.recommended());
            return new StudyOutcome(sweep, files, extraction, images.size(), modelDescription, millis);
        }
    }

    /** Returns the capture request: mean over image tokens for decoder layers, over patches for vision modules. */
    CaptureRequest captureRequest() {
        return CaptureRequest.of(modules)
                .withPooling(Pooling.MEAN, TokenSubset.IMAGE)
                .withPooling("visual.**", PoolingSpec.of(Pooling.MEAN, TokenSubset.ALL));
    }

    private List<FabricSample> dataset() throws IOException {
        Path folder = output.resolve("dataset");
        Path manifest = folder.resolve(FabricManifest.FILE_NAME);
        if (Files.isRegularFile(manifest)) {
            List<FabricSample> existing = FabricManifest.read(manifest);
            if (existing.size() == 2 * pairs && existing.stream().allMatch(s -> Files.isRegularFile(s.imagePath()))) {
                LOG.debug("reusing the dataset in {}", folder);
                return existing;
            }
        }
        TextureLibrary textures = texturesFolder == null
                ? TextureLibrary.installedOrProcedural(TEXTURE_SIZE, seed) : TextureLibrary.fromFolder(texturesFolder);
        FabricSpec spec = FabricSpec.withDefaults().withPairs(pairs).withImageSize(IMAGE_SIZE).withSeed(seed);
        return FabricDatasetGenerator.generate(spec, textures, folder);
    }

    private List<LayerKey> studyLayers(FeatureStore store) {
        List<LayerKey> layers = new ArrayList<>();
        for (LayerPooling stored : store.layers()) {
            if (modules.contains(stored.layer())) {
                layers.add(new LayerKey(stored.layer(), stored.pooling()));
            }
        }
        return layers;
    }

    private SweepResult sweep(FeatureStore store, List<LayerKey> layers, String modelId, List<LabelledImage> images,
            String modelDescription) {
        int trainPairs = (int) Math.round(pairs * TRAIN_SHARE);
        StratifiedGroupSplitter splitter = StratifiedGroupSplitter.counts(trainPairs, pairs - trainPairs).withSeed(seed);
        LayerSweep sweep = LayerSweep.withDefaults()
                .withProbe(MlpProbe.of(hiddenSize))
                .withSplitter(splitter)
                .withPermutations(permutations)
                .withControlTask(true)
                .withSeed(seed)
                .withModelId(modelDescription);
        return sweep.run(StudyFeatures.source(store, layers, modelId, images));
    }
}
