package org.lens4j.models.qwen2vl;

import ai.djl.ndarray.NDManager;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.Capture;
import org.lens4j.core.capture.CaptureRequest;
import org.lens4j.core.capture.CaptureSession;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.pool.Pooling;
import org.lens4j.core.pool.TokenSubset;
import org.lens4j.models.qwen2vl.InterleavedRounds.Measured;
import org.lens4j.models.qwen2vl.InterleavedRounds.Variant;

/**
 * Prints how much a capture of five modules adds to one Qwen2-VL forward pass. Not a unit test:
 * run it by hand from the repository root with
 *
 * <pre>
 * mvn -o -q -pl lens-models -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -Dai.djl.pytorch.num_threads=1 \
 *     -cp lens-models/target/test-classes:lens-models/target/classes:$(cat lens-models/target/test.classpath) \
 *     org.lens4j.models.qwen2vl.CaptureOverheadBenchmark 30 3
 * </pre>
 *
 * <p>The arguments are the measured rounds (30 by default) and the warm-up rounds (3). The model
 * is {@link BenchmarkInputs#midSizeConfig()} with seeded random weights, the input one 448×448
 * image (1024 patches, 256 image tokens) with the fabric prompt. Five variants run in interleaved
 * rounds ({@link InterleavedRounds}):
 *
 * <ul>
 *   <li>{@code forward}: {@link HookedModel#forward} with hooks that declare the five modules hooked
 *       and keep nothing. The model skips the parts no hook needs, so this is the same computation
 *       as the captures without the capture work. Hooks that declare nothing would skip the whole
 *       pass.
 *   <li>{@code capture, pooling none}: {@link CaptureSession#run} on a session opened once, keeping
 *       each module's whole output in ND4J.
 *   <li>{@code capture, mean pooling}: the same with mean pooling over all tokens, one row per image.
 *   <li>{@code capture work alone, …}: the same two sessions on a {@link ReplayModel} that reports
 *       the recorded outputs of the five modules without computing anything. The time of these
 *       rows is the capture work itself, so their overhead is that time over the forward time,
 *       free of the run-to-run noise of the forward pass.
 * </ul>
 */
public final class CaptureOverheadBenchmark {

    /** The captured modules: two vision blocks, the merger output and two decoder layers. */
    static final List<String> MODULES = List.of("visual.blocks.3.norm2", "visual.blocks.7.norm2",
            "visual.merger.mlp.2", "model.layers.3.post_attention_layernorm", "model.layers.7.post_attention_layernorm");

    private static final long WEIGHT_SEED = 7;
    private static final long IMAGE_SEED = 11;
    private static final long BOOTSTRAP_SEED = 13;
    private static final int IMAGE_SIDE = 448;
    private static final int DEFAULT_ROUNDS = 30;
    private static final int DEFAULT_WARM_UP = 3;
    private static final String BASELINE = "forward";

    private CaptureOverheadBenchmark() {
    }

    /** Runs the rounds and prints the machine, the load before and after, and two Markdown tables. */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_WARM_UP;
        System.out.print(BenchmarkMachine.describe());
        System.out.println("- load average before: " + BenchmarkMachine.loadAverage());

        Measured timings;
        try (NDManager manager = LensRuntime.newManager();
                HookedModel model = Qwen2VLModels.randomWeights(BenchmarkInputs.midSizeConfig(), WEIGHT_SEED)) {
            ModelInputs inputs = BenchmarkInputs.single(manager, BenchmarkInputs.processedImage(IMAGE_SIDE, IMAGE_SEED));
            System.out.println("- input: " + inputs.require(ModelInputs.INPUT_IDS).getShape() + " token ids, "
                    + inputs.require(ModelInputs.PIXEL_VALUES).getShape() + " pixel values");
            timings = measure(model, inputs, rounds, warmUp);
        }

        System.out.println("- load average after: " + BenchmarkMachine.loadAverage());
        System.out.println();
        System.out.println("Wall-clock time:");
        System.out.println();
        System.out.print(timings.wall().markdownTable(BASELINE, BOOTSTRAP_SEED));
        System.out.println();
        System.out.println("CPU time of the calling thread:");
        System.out.println();
        System.out.print(timings.cpu().markdownTable(BASELINE, BOOTSTRAP_SEED));
    }

    private static Measured measure(HookedModel model, ModelInputs inputs, int rounds, int warmUp) {
        Set<String> modules = new LinkedHashSet<>(MODULES);
        CaptureRequest unpooled = CaptureRequest.of(MODULES);
        CaptureRequest pooled = unpooled.withPooling(Pooling.MEAN, TokenSubset.ALL);
        DeclaredHooks hooks = new DeclaredHooks(modules);
        try (CaptureSession unpooledSession = CaptureSession.open(model, unpooled);
                CaptureSession pooledSession = CaptureSession.open(model, pooled);
                ReplayModel replay = ReplayModel.record(model, inputs, modules);
                CaptureSession unpooledReplay = CaptureSession.open(replay, unpooled);
                CaptureSession pooledReplay = CaptureSession.open(replay, pooled)) {
            for (Capture capture : unpooledSession.run(inputs).captures()) {
                System.out.println("- captured " + capture);
            }
            List<Variant> variants = List.of(
                    new Variant(BASELINE, false, () -> model.forward(inputs, hooks)),
                    new Variant("capture, pooling none", false, () -> unpooledSession.run(inputs)),
                    new Variant("capture, mean pooling", false, () -> pooledSession.run(inputs)),
                    new Variant("capture work alone, pooling none", true, () -> unpooledReplay.run(inputs)),
                    new Variant("capture work alone, mean pooling", true, () -> pooledReplay.run(inputs)));
            return InterleavedRounds.measure(variants, rounds, warmUp);
        }
    }
}
