package org.lens4j.models.qwen2vl;

import ai.djl.ndarray.NDManager;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.CaptureRequest;
import org.lens4j.core.capture.CaptureSession;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.image.ProcessedImage;
import org.lens4j.core.image.Qwen2VlImageProcessor;
import org.lens4j.core.image.RgbImage;
import org.lens4j.core.pool.Pooling;
import org.lens4j.core.pool.TokenSubset;

/**
 * Prints the time per image of the fabric study's extraction on the built-in random-weight network
 * ({@link Qwen2VLModels#tinyConfig()}: 32 vision blocks, 28 decoder layers, tiny widths), and where
 * the time of one forward pass goes. Not a unit test: run it by hand (see
 * {@link CaptureOverheadBenchmark} for the class path) with the arguments measured images (20 by
 * default) and warm-up images (3).
 *
 * <p>Each image is a seeded random 224×224 image (256 patches, 64 image tokens) with the fabric
 * prompt. The time per image is split into the image preprocessing and a capture of the five study
 * modules with mean pooling over all tokens, as the study extracts them. The same forward pass is
 * then timed with hooks that keep nothing, and once more with hooks that time each module, to
 * show the share of the vision blocks, the decoder layers and the rest.
 */
public final class StudyForwardBenchmark {

    /** The study's modules. */
    static final List<String> MODULES = List.of("model.layers.14.post_attention_layernorm",
            "model.layers.27.post_attention_layernorm", "visual.blocks.15.norm2", "visual.blocks.31.norm2",
            "visual.merger.mlp.2");

    private static final long WEIGHT_SEED = 7;
    private static final long IMAGE_SEED = 11;
    private static final int IMAGE_SIDE = 224;
    private static final int STUDY_IMAGES = 500;
    private static final int DEFAULT_IMAGES = 20;
    private static final int DEFAULT_WARM_UP = 3;

    private StudyForwardBenchmark() {
    }

    /** Runs the measurements and prints the machine, the load and two Markdown tables. */
    public static void main(String[] args) {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_IMAGES;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_WARM_UP;
        System.out.print(BenchmarkMachine.describe());
        System.out.println("- load average before: " + BenchmarkMachine.loadAverage());

        Qwen2VlImageProcessor processor = Qwen2VlImageProcessor.withDefaults();
        RgbImage image = BenchmarkInputs.randomImage(IMAGE_SIDE, IMAGE_SEED);
        CaptureRequest request = CaptureRequest.of(MODULES).withPooling(Pooling.MEAN, TokenSubset.ALL);
        try (HookedModel model = Qwen2VLModels.randomWeights(Qwen2VLModels.tinyConfig(), WEIGHT_SEED);
                CaptureSession session = CaptureSession.open(model, request)) {
            DeclaredHooks plan = new DeclaredHooks(new LinkedHashSet<>(MODULES));
            PhaseTimer timer = new PhaseTimer(plan);
            double[] preprocess = new double[images];
            double[] capture = new double[images];
            double[] forward = new double[images];
            double[] timed = new double[images];
            for (int i = -warmUp; i < images; i++) {
                try (NDManager manager = LensRuntime.newManager()) {
                    long start = System.nanoTime();
                    ProcessedImage processed = processor.process(image);
                    ModelInputs inputs = BenchmarkInputs.single(manager, processed);
                    long prepared = System.nanoTime();
                    session.run(inputs);
                    long captured = System.nanoTime();
                    model.forward(inputs, plan);
                    long forwarded = System.nanoTime();
                    model.forward(inputs, timer);
                    long phased = System.nanoTime();
                    if (i >= 0) {
                        preprocess[i] = (prepared - start) / 1e9;
                        capture[i] = (captured - prepared) / 1e9;
                        forward[i] = (forwarded - captured) / 1e9;
                        timed[i] = (phased - forwarded) / 1e9;
                        timer.countForward();
                    } else {
                        timer.reset();
                    }
                }
            }
            System.out.println("- load average after: " + BenchmarkMachine.loadAverage());
            System.out.println();
            printPerImage(preprocess, capture, forward, timed);
            System.out.println();
            System.out.print(timer.markdownRows(RoundTimings.median(timed) * 1e3));
        }
    }

    private static void printPerImage(double[] preprocess, double[] capture, double[] forward, double[] timed) {
        double perImage = RoundTimings.median(preprocess) + RoundTimings.median(capture);
        System.out.println("| step | median (ms) | mean (ms) |\n|---|---:|---:|");
        row("preprocess 224x224 image, build inputs", preprocess);
        row("capture 5 modules, mean pooling (session.run)", capture);
        row("forward with the same plan, nothing kept", forward);
        row("forward with per-module timers", timed);
        System.out.println(String.format(Locale.ROOT, "%nseconds per image (preprocess + capture, medians): %.3f;"
                + " %d images: %.0f s", perImage, STUDY_IMAGES, perImage * STUDY_IMAGES));
    }

    private static void row(String step, double[] seconds) {
        System.out.println(String.format(Locale.ROOT, "| %s | %.1f | %.1f |", step, RoundTimings.median(seconds) * 1e3,
                RoundTimings.mean(seconds) * 1e3));
    }
}
