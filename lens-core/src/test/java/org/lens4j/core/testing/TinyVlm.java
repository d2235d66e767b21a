package org.lens4j.core.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.capture.TokenType;
import org.lens4j.core.module.LayoutAlias;
import org.lens4j.core.module.ModuleInfo;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.module.ModuleTrees;

/**
 * A tiny hooked model built from NDArray operations, for testing capture without a checkpoint.
 *
 * <p>Dimensions: B batch, S sequence, P image patches of all images, H = {@value #HIDDEN}.
 * <pre>
 * vision.proj   pixel_values [P, 3] @ Wv           → [P, H]   2-D vision output
 * vision.norm   rms-normalised rows                → [P, H]
 * embed         Wemb[input_ids]                    → [B, S, H]   (its input is int64)
 * layers.0      x + tanh(x @ W0)                   → [B, S, H]
 * norm          rms-normalised x (call 0)          → [B, S, H]
 * layers.1      x + tanh(x @ W1)                   → [B, S, H]
 * norm          rms-normalised x (call 1)          → [B, S, H]
 * head          x[:, 0, :] @ Wh                    → [B, 2]   neither sequence nor vision
 * </pre>
 * Token id {@value #IMAGE_TOKEN} is an image token, {@value #PAD} padding and {@value #BOS} a
 * special token. The images all belong to batch item 0; {@code patches_per_image} (int64) gives the
 * rows of each image, and {@code layers.1.fail} makes the forward pass throw at layers.1.
 */
public final class TinyVlm implements HookedModel {

    /** Hidden size. */
    public static final int HIDDEN = 4;
    /** Values per image patch. */
    public static final int PATCH_DIM = 3;
    /** Vocabulary size. */
    public static final int VOCAB = 10;
    /** Padding token id. */
    public static final int PAD = 0;
    /** Image placeholder token id. */
    public static final int IMAGE_TOKEN = 1;
    /** Begin-of-sequence token id. */
    public static final int BOS = 2;
    /** Input that gives the number of patch rows of each image, int64 {@code [images]}. */
    public static final String PATCHES_PER_IMAGE = "patches_per_image";
    /** Input whose presence makes the forward pass throw at {@code layers.1}. */
    public static final String FAIL_INPUT = "layers.1.fail";

    /** The layout name of the alias that spells {@code layers.N} as {@code model.layers.N}. */
    public static final String ALIAS_LAYOUT = "wrapped";

    private static final float EPS = 1e-6f;

    private final NDManager manager;
    private final ModuleTree tree;
    private final long seed;
    private final NDArray visionWeight;
    private final NDArray embedding;
    private final NDArray layer0;
    private final NDArray layer1;
    private final NDArray headWeight;
    private boolean closed;

    /** Creates the model with weights drawn from {@code seed}. */
    public TinyVlm(long seed) {
        this.seed = seed;
        this.manager = LensRuntime.newManager();
        this.tree = ModuleTrees.of(moduleInfos(), List.of(new LayoutAlias(ALIAS_LAYOUT, "model.layers.", "layers.")));
        Random random = new Random(seed);
        visionWeight = randomArray(random, PATCH_DIM, HIDDEN);
        embedding = randomArray(random, VOCAB, HIDDEN);
        layer0 = randomArray(random, HIDDEN, HIDDEN);
        layer1 = randomArray(random, HIDDEN, HIDDEN);
        headWeight = randomArray(random, HIDDEN, 2);
    }

    /** Returns the module tree in {@code named_modules()} order. */
    public static List<ModuleInfo> moduleInfos() {
        return List.of(
                new ModuleInfo("", "TinyVlm", ModuleKind.CONTAINER),
                new ModuleInfo("vision", "TinyVision", ModuleKind.CONTAINER),
                new ModuleInfo("vision.proj", "Linear", ModuleKind.VISION),
                new ModuleInfo("vision.norm", "RMSNorm", ModuleKind.VISION),
                new ModuleInfo("embed", "Embedding", ModuleKind.SEQUENCE),
                new ModuleInfo("layers", "ModuleList", ModuleKind.CONTAINER),
                new ModuleInfo("layers.0", "TinyLayer", ModuleKind.SEQUENCE),
                new ModuleInfo("layers.1", "TinyLayer", ModuleKind.SEQUENCE),
                new ModuleInfo("norm", "RMSNorm", ModuleKind.SEQUENCE),
                new ModuleInfo("rotary", "RotaryEmbedding", ModuleKind.NEVER_RUNS),
                new ModuleInfo("head", "Linear", ModuleKind.OTHER));
    }

    /** Returns the root manager that owns the weights, so tests can check that close releases it. */
    public NDManager manager() {
        return manager;
    }

    @Override
    public String familyId() {
        return "tiny";
    }

    @Override
    public String modelId() {
        return "tiny-vlm, random weights, seed " + seed;
    }

    @Override
    public ModuleTree modules() {
        ensureOpen();
        return tree;
    }

    @Override
    public SequenceInfo forward(ModelInputs inputs, ForwardHooks hooks) {
        ensureOpen();
        NDArray ids = inputs.require(ModelInputs.INPUT_IDS);
        NDArray mask = inputs.require(ModelInputs.ATTENTION_MASK);
        if (!ids.getShape().equals(mask.getShape()) || ids.getShape().dimension() != 2) {
            throw new IllegalArgumentException("input_ids " + ids.getShape() + " and attention_mask "
                    + mask.getShape() + " must both be [batch, seq]");
        }

        try (NDManager pass = manager.newSubManager()) {
            SequenceInfo info = describe(inputs, ids, mask);
            runVision(inputs, hooks, pass);
            runLanguageModel(inputs, hooks, pass, ids);
            return info;
        }
    }

    private void runVision(ModelInputs inputs, ForwardHooks hooks, NDManager pass) {
        Optional<NDArray> pixels = inputs.find(ModelInputs.PIXEL_VALUES);
        if (pixels.isEmpty()) {
            return;
        }
        NDArray x = copyInto(pass, pixels.get());
        hooks.onInput("vision.proj", x);
        NDArray projected = x.matMul(copyInto(pass, visionWeight));   // [P, H]
        hooks.onOutput("vision.proj", projected);
        hooks.onInput("vision.norm", projected);
        hooks.onOutput("vision.norm", rmsNorm(projected));              // [P, H]
    }

    private void runLanguageModel(ModelInputs inputs, ForwardHooks hooks, NDManager pass, NDArray ids) {
        NDArray tokens = copyInto(pass, ids);                          // [B, S] int64
        hooks.onInput("embed", tokens);
        NDArray x = copyInto(pass, embedding).get(tokens);              // [B, S, H]
        hooks.onOutput("embed", x);

        x = layer(hooks, "layers.0", x, copyInto(pass, layer0));
        x = norm(hooks, x);
        if (inputs.find(FAIL_INPUT).isPresent()) {
            throw new IllegalStateException("simulated failure in layers.1");
        }
        x = layer(hooks, "layers.1", x, copyInto(pass, layer1));
        x = norm(hooks, x);

        hooks.onInput("head", x);
        NDArray first = x.get(":, 0, :");                               // [B, H]
        hooks.onOutput("head", first.matMul(copyInto(pass, headWeight))); // [B, 2]
    }

    private static NDArray layer(ForwardHooks hooks, String name, NDArray x, NDArray weight) {
        hooks.onInput(name, x);
        NDArray out = x.add(x.matMul(weight).tanh());                  // [B, S, H]
        hooks.onOutput(name, out);
        return out;
    }

    private static NDArray norm(ForwardHooks hooks, NDArray x) {
        hooks.onInput("norm", x);
        NDArray out = rmsNorm(x);
        hooks.onOutput("norm", out);
        return out;
    }

    private static NDArray rmsNorm(NDArray x) {
        int last = x.getShape().dimension() - 1;
        NDArray meanSquare = x.mul(x).mean(new int[] {last}, true);
        return x.div(meanSquare.add(EPS).sqrt());
    }

    private static SequenceInfo describe(ModelInputs inputs, NDArray ids, NDArray mask) {
        int batch = (int) ids.getShape().get(0);
        int length = (int) ids.getShape().get(1);
        long[] idValues = ids.toLongArray();
        long[] maskValues = mask.toLongArray();
        long[][] attention = new long[batch][length];
        TokenType[][] types = new TokenType[batch][length];
        for (int b = 0; b < batch; b++) {
            for (int s = 0; s < length; s++) {
                long id = idValues[b * length + s];
                attention[b][s] = maskValues[b * length + s];
                types[b][s] = id == IMAGE_TOKEN ? TokenType.IMAGE
                        : (id == PAD || id == BOS) ? TokenType.SPECIAL : TokenType.TEXT;
            }
        }

        int[][] ranges = imageRanges(inputs);
        int[] imagesPerItem = new int[batch];
        imagesPerItem[0] = ranges.length;
        return new SequenceInfo(attention, types, new SequenceInfo.ImageRows(ranges, List.of(), 1),
                imagesPerItem);
    }

    private static int[][] imageRanges(ModelInputs inputs) {
        Optional<NDArray> counts = inputs.find(PATCHES_PER_IMAGE);
        if (counts.isEmpty()) {
            return new int[0][];
        }
        List<int[]> out = new ArrayList<>();
        int start = 0;
        for (long count : counts.get().toLongArray()) {
            out.add(new int[] {start, start + (int) count});
            start += (int) count;
        }
        return out.toArray(new int[0][]);
    }

    /** Copies an array into the pass manager, so every result of the pass is closed with it. */
    private static NDArray copyInto(NDManager pass, NDArray array) {
        NDArray copy = array.duplicate();
        copy.attach(pass);
        return copy;
    }

    private NDArray randomArray(Random random, int rows, int columns) {
        float[] values = new float[rows * columns];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, new Shape(rows, columns));
    }

    /** Returns a batch of one text-and-image sequence with two images of 3 and 2 patches. */
    public static ModelInputs sampleInputs(NDManager manager) {
        long[] ids = {BOS, IMAGE_TOKEN, IMAGE_TOKEN, 5, 6, 7};
        NDArray pixels = manager.arange(15f).reshape(5, PATCH_DIM).div(10f);
        return ModelInputs.of(Map.of(
                ModelInputs.INPUT_IDS, manager.create(ids, new Shape(1, ids.length)),
                ModelInputs.ATTENTION_MASK, manager.ones(new Shape(1, ids.length), ai.djl.ndarray.types.DataType.INT64),
                ModelInputs.PIXEL_VALUES, pixels,
                PATCHES_PER_IMAGE, manager.create(new long[] {3, 2})));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("model " + modelId() + " is closed");
        }
    }
}
