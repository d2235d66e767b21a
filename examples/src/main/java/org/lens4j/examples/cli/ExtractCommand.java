package org.lens4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lens4j.core.capture.CaptureRequest;
import org.lens4j.core.pool.PoolingSpec;
import org.lens4j.core.store.FeatureStore;
import org.lens4j.core.store.RunInfo;
import org.lens4j.examples.cli.config.ExtractConfig;
import org.lens4j.examples.study.FabricStudy;
import org.lens4j.examples.study.FeatureExtractor;
import org.lens4j.examples.study.LabelledImage;
import org.lens4j.examples.study.LabelledImages;
import org.lens4j.examples.study.ProgressBar;
import org.lens4j.models.Lens;
import org.lens4j.models.LensModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lens extract}: captures modules of a model over a folder of labelled images into a store. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Capture modules over labelled images into a SQLite feature store (VLM-Lens YAML keys).")
final class ExtractCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE.yaml", description = "Extraction settings.")
    private Path config;

    @Option(names = "--batch-size", defaultValue = "4", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Override
    public Integer call() throws IOException {
        ExtractConfig settings = ExtractConfig.read(config);
        List<LabelledImage> images = LabelledImages.read(settings.inputDir());
        PoolingSpec pooling = settings.poolingMethod() == null
                ? PoolingSpec.NONE : PoolingSpec.parse(settings.poolingMethod());
        String prompt = settings.prompt() == null ? FabricStudy.DEFAULT_PROMPT : settings.prompt();
        try (LensModel model = Lens.open(settings.modelPath())) {
            checkArchitecture(settings.architecture(), model.familyId());
            model.processor(); // fails on a missing tokenizer before the store file is created
            extract(settings, images, pooling, prompt, model);
        }
        return LensCli.EXIT_OK;
    }

    private void extract(ExtractConfig settings, List<LabelledImage> images, PoolingSpec pooling, String prompt,
            LensModel model) {
        try (FeatureStore store = FeatureStore.open(settings.outputDb())) {
            CaptureRequest request = CaptureRequest.of(settings.modules()).withPooling(pooling);
            RunInfo run = RunInfo.of(model.modelId(), model.familyId());
            FeatureExtractor.Summary summary;
            try (ProgressBar bar = ProgressBar.onStandardError("extract", images.size())) {
                summary = new FeatureExtractor(model, request, prompt, batchSize).run(images, store, run, bar);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "extracted %d images, %d already stored, into %s%n", summary.extracted(),
                    summary.skipped(), settings.outputDb());
            out.flush();
        }
    }

    // VLM-Lens names families loosely ("qwen" for Qwen2-VL); accept a name that starts the family id.
    private static void checkArchitecture(String architecture, String familyId) {
        if (architecture == null) {
            return;
        }
        String requested = architecture.toLowerCase(Locale.ROOT).replace("-", "_");
        if (!familyId.startsWith(requested) && !requested.startsWith(familyId)) {
            throw new IllegalArgumentException("architecture '" + architecture + "' does not match the model's family '"
                    + familyId + "'; fix architecture or model_path");
        }
    }
}
