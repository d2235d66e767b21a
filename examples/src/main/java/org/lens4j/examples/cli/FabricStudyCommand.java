package org.lens4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lens4j.examples.study.FabricStudy;
import org.lens4j.examples.study.StudyOutcome;
import org.lens4j.probe.sweep.LayerResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lens study fabric}: the normal-versus-defective fabric layer study. */
@Command(name = "fabric", mixinStandardHelpOptions = true,
        description = "Find which Qwen2-VL module separates normal from defective fabric, main probe against controls.")
final class FabricStudyCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR",
            description = "Qwen2-VL or Qwen2.5-VL folder (default: the built-in random-weight network).")
    private Path model;

    @Option(names = "--textures", paramLabel = "DIR",
            description = "Folder of fabric images to cut the dataset from (default: installed patterns or procedural weaves).")
    private Path textures;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "fabric-study",
            description = "Output folder for dataset, feature store and report (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of everything random (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--pairs", defaultValue = "250",
            description = "Normal/defective image pairs (default: ${DEFAULT-VALUE}, i.e. 500 images).")
    private int pairs;

    @Option(names = "--permutations", defaultValue = "1000",
            description = "Label permutations per module (default: ${DEFAULT-VALUE}).")
    private int permutations;

    @Option(names = "--prompt", description = "Prompt sent with each image (default: \"" + FabricStudy.DEFAULT_PROMPT + "\").")
    private String prompt;

    @Override
    public Integer call() throws IOException {
        FabricStudy study = FabricStudy.withDefaults().withModel(model).withTextures(textures).withOutput(out)
                .withSeed(seed).withPairs(pairs).withPermutations(permutations);
        if (prompt != null) {
            study = study.withPrompt(prompt);
        }
        StudyOutcome outcome = study.run();
        PrintWriter writer = spec.commandLine().getOut();
        writer.println("model: " + outcome.modelDescription());
        for (LayerResult layer : outcome.sweep().ranking()) {
            writer.printf(Locale.ROOT, "%d. %-45s accuracy %.3f  shuffled control %.3f  adjusted p %.4g%n",
                    layer.rank(), layer.layer(), layer.accuracy(), layer.controlAccuracy(), layer.adjustedPValue());
        }
        writer.println("recommended: " + outcome.sweep().recommended());
        writer.println("report: " + outcome.reportFiles().markdown() + ", " + outcome.reportFiles().json() + ", "
                + outcome.reportFiles().plot());
        writer.printf(Locale.ROOT, "%d images in %.1f s%n", outcome.images(), outcome.millis() / 1000.0);
        writer.flush();
        return LensCli.EXIT_OK;
    }
}
