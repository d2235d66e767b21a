package org.lens4j.models.qwen2vl;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.CaptureRequest;
import org.lens4j.core.capture.CaptureSession;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.image.Qwen2VlImageProcessor;
import org.lens4j.core.image.RgbImage;
import org.lens4j.core.pool.Pooling;
import org.lens4j.core.pool.TokenSubset;
import org.lens4j.models.qwen2vl.InterleavedRounds.Measured;
import org.lens4j.models.qwen2vl.InterleavedRounds.Variant;

/**
 * Prints the time per image of the fabric study's extraction on the built-in random-weight network
 * ({@link Qwen2VLModels#tinyConfig()}: 32 vision blocks, 28 decoder layers, tiny widths), and where
 * the time of one forward pass goes. Not a unit test: run it like {@link CaptureOverheadBenchmark},
 * with this class name and the arguments measured rounds (20 by default), warm-up rounds (3) and
 * forward passes with per-module timers (10).
 *
 * <p>The input is a seeded random 224×224 image (256 patches, 64 image tokens) with the fabric
 * prompt. Five variants run in interleaved rounds ({@link InterleavedRounds}): the image
 * preprocessing with the building of the input arrays; a forward pass with hooks that keep
 * nothing; a capture of the five study modules with mean pooling over all tokens, as the study
 * extracts them; the same capture on a {@link ReplayModel}, which is the capture work alone; and
 * the preprocessing and capture together, which is the study's work per image. When the engine
 * runs with fewer intra-op threads than there are processors (for example with
 * {@code -Dai.djl.pytorch.num_threads=1}), a sixth variant runs the plain forward pass with one
 * thread per processor, to compare the two settings under the same load.
 * Then forward passes with {@link PhaseTimer} hooks show the share of the vision blocks, the
 * decoder layers and the rest.
 */
public final class StudyForwardBenchmark {

    /** The study's modules. */
    static final List<String> MODULES = List.of("model.layers.14.post_attention_layernorm",
            "model.layers.27.post_attention_layernorm", "visual.blocks.15.norm2", "visual.blocks.31.norm2",
            "visual.merger.mlp.2");

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long WEIGHT_SEED = 7;
    private static final long IMAGE_SEED = 11;
    private static final long BOOTSTRAP_SEED = 13;
    private static final int IMAGE_SIDE = 224;
    private static final int STUDY_IMAGES = 500;
    private static final int DEFAULT_ROUNDS = 20;
    private static final int DEFAULT_WARM_UP = 3;
    private static final int DEFAULT_TIMED_PASSES = 10;
    private static final String BASELINE = "forward, nothing kept";
    private static final String PER_IMAGE = "preprocess and capture (one study image)";

    private StudyForwardBenchmark() {
    }

    /** Runs the measurements and prints the machine, the load and three Markdown tables. */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_WARM_UP;
        int timedPasses = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_TIMED_PASSES;
        System.out.print(BenchmarkMachine.describe());
        System.out.println("- load average before: " + BenchmarkMachine.loadAverage());

        Qwen2VlImageProcessor processor = Qwen2VlImageProcessor.withDefaults();
        RgbImage image = BenchmarkInputs.randomImage(IMAGE_SIDE, IMAGE_SEED);
        CaptureRequest request = CaptureRequest.of(MODULES).withPooling(Pooling.MEAN, TokenSubset.ALL);
        DeclaredHooks plan = new DeclaredHooks(new LinkedHashSet<>(MODULES));
        Measured timings;
        String phases;
        try (NDManager manager = LensRuntime.newManager();
                HookedModel model = Qwen2VLModels.randomWeights(Qwen2VLModels.tinyConfig(), WEIGHT_SEED);
                CaptureSession session = CaptureSession.open(model, request)) {
            ModelInputs inputs = BenchmarkInputs.single(manager, processor.process(image));
            try (ReplayModel replay = ReplayModel.record(model, inputs, new LinkedHashSet<>(MODULES));
                    CaptureSession replaySession = CaptureSession.open(replay, request)) {
                List<Variant> variants = new ArrayList<>(List.of(
                        new Variant(BASELINE, false, () -> model.forward(inputs, plan)),
                        new Variant("preprocess 224x224 image, build inputs", true,
                                () -> preprocess(processor, image, null)),
                        new Variant("capture 5 modules, mean pooling", false, () -> session.run(inputs)),
                        new Variant("capture work alone, mean pooling", true, () -> replaySession.run(inputs)),
                        new Variant(PER_IMAGE, false, () -> preprocess(processor, image, session))));
                addThreadVariant(variants, model, inputs, plan);
                timings = InterleavedRounds.measure(variants, rounds, warmUp);
            }
            phases = timePhases(model, inputs, plan, timedPasses);
        }

        System.out.println("- load average after: " + BenchmarkMachine.loadAverage());
        System.out.println();
        System.out.println("Wall-clock time:\n");
        System.out.print(timings.wall().markdownTable(BASELINE, BOOTSTRAP_SEED));
        System.out.println("\nCPU time of the calling thread:\n");
        System.out.print(timings.cpu().markdownTable(BASELINE, BOOTSTRAP_SEED));
        double perImage = RoundTimings.median(timings.wall().times(PER_IMAGE));
        System.out.println(String.format(Locale.ROOT, "%nseconds per image (median wall-clock): %.3f; %d images:"
                + " %.0f s%n", perImage, STUDY_IMAGES, perImage * STUDY_IMAGES));
        System.out.print(phases);
    }

    /** Adds a plain forward pass with one thread per processor, unless the engine already uses that many. */
    private static void addThreadVariant(List<Variant> variants, HookedModel model, ModelInputs inputs,
            DeclaredHooks plan) {
        int processors = Runtime.getRuntime().availableProcessors();
        if (JniUtils.getNumThreads() != processors) {
            variants.add(new Variant("forward, nothing kept, " + processors + " intra-op threads", false,
                    () -> BenchmarkMachine.withIntraOpThreads(processors, () -> model.forward(inputs, plan))));
        }
    }

    /** Preprocesses the image and builds the inputs; with a session, also runs the capture on them. */
    private static Object preprocess(Qwen2VlImageProcessor processor, RgbImage image, CaptureSession session) {
        try (NDManager manager = LensRuntime.newManager()) {
            ModelInputs inputs = BenchmarkInputs.single(manager, processor.process(image));
            return session == null ? inputs : session.run(inputs);
        }
    }

    /** Runs forward passes with per-module timers and returns their table. */
    private static String timePhases(HookedModel model, ModelInputs inputs, DeclaredHooks plan, int passes) {
        PhaseTimer timer = new PhaseTimer(plan);
        model.forward(inputs, timer);
        timer.reset();
        long wall = 0;
        long cpu = 0;
        for (int i = 0; i < passes; i++) {
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            model.forward(inputs, timer);
            wall += System.nanoTime() - start;
            cpu += THREADS.getCurrentThreadCpuTime() - cpuStart;
            timer.countForward();
        }
        return "\nWhere one forward pass spends its time (" + passes + " passes with per-module timers):\n\n"
                + timer.markdownTable(wall / 1e6 / passes, cpu / 1e6 / passes);
    }
}
