package org.lens4j.models.blocks.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;
import org.lens4j.core.checkpoint.Checkpoint;
import org.lens4j.core.checkpoint.SafetensorsCheckpoint;
import org.lens4j.core.checkpoint.TiedWeights;
import org.lens4j.core.module.LayoutAlias;
import org.lens4j.models.blocks.Linear;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads parameters by their canonical (transformers 4.47–4.51) names into a model-owned manager,
 * as float32 arrays, checking each shape.
 *
 * <p>A name absent from the checkpoint is retried in the spelling of each {@link LayoutAlias} that
 * covers it, so checkpoints saved in another layout load too. Without a checkpoint every parameter
 * is drawn from a generator seeded by a function of the parameter name, so the values do not
 * depend on the loading order.
 */
public final class WeightLoader {

    /** Standard deviation of random matrices and embeddings ({@code initializer_range} of most transformers configs). */
    public static final double RANDOM_STD = 0.02;

    private static final Logger LOG = LoggerFactory.getLogger(WeightLoader.class);

    /** The initialisation of a parameter when the weights are random. */
    public enum Init {
        /** Normal with mean 0 and standard deviation {@link #RANDOM_STD}. */
        NORMAL,
        /** All ones, for norm scales. */
        ONES,
        /** All zeros, for biases and for norm scales stored as offsets from one. */
        ZEROS
    }

    private final Checkpoint checkpoint;
    private final NDManager manager;
    private final List<LayoutAlias> aliases;
    private final ToLongFunction<String> tensorSeed;

    private WeightLoader(Checkpoint checkpoint, NDManager manager, List<LayoutAlias> aliases,
            ToLongFunction<String> tensorSeed) {
        this.checkpoint = checkpoint;
        this.manager = Objects.requireNonNull(manager, "manager");
        this.aliases = List.copyOf(aliases);
        this.tensorSeed = tensorSeed;
    }

    /** Reads parameters from {@code checkpoint} into {@code manager}, trying the alias spellings of an absent name. */
    public static WeightLoader fromCheckpoint(Checkpoint checkpoint, NDManager manager, List<LayoutAlias> aliases) {
        return new WeightLoader(Objects.requireNonNull(checkpoint, "checkpoint"), manager, aliases, null);
    }

    /**
     * Draws every parameter at random into {@code manager}; no checkpoint is read.
     *
     * @param tensorSeed the seed of the generator for a parameter, given its name
     */
    public static WeightLoader random(NDManager manager, ToLongFunction<String> tensorSeed) {
        return new WeightLoader(null, manager, List.of(), Objects.requireNonNull(tensorSeed, "tensorSeed"));
    }

    /** Returns the manager that owns the loaded parameters. */
    public NDManager manager() {
        return manager;
    }

    /** Returns whether the parameters are drawn at random instead of read. */
    public boolean isRandom() {
        return checkpoint == null;
    }

    /** Returns whether the tensor exists under its canonical or an alias name (always true when random). */
    public boolean contains(String name) {
        return checkpoint == null || resolve(name) != null;
    }

    /**
     * Loads a parameter of the given shape.
     *
     * @throws IllegalArgumentException naming the parameter when it is absent or its shape differs
     */
    public NDArray load(String name, Init init, long... shape) {
        if (checkpoint == null) {
            return random(name, init, shape);
        }
        String stored = resolve(name);
        if (stored == null) {
            throw new IllegalArgumentException("checkpoint has no tensor '" + name + "'" + triedHint(name)
                    + "; the checkpoint does not match its config.json");
        }
        checkShape(stored, shape);
        return read(stored, shape);
    }

    /**
     * Loads an output head that may be tied to the input embedding: the head when the checkpoint
     * stores it, otherwise the embedding when {@code tied} (see {@link TiedWeights}).
     *
     * @throws IllegalArgumentException when neither usable tensor is stored
     */
    public NDArray loadHead(String headName, String embeddingName, boolean tied, long... shape) {
        if (checkpoint == null) {
            return random(tied ? embeddingName : headName, Init.NORMAL, shape);
        }
        String head = resolve(headName);
        String embedding = resolve(embeddingName);
        String chosen = TiedWeights.resolveHeadName(checkpoint, head == null ? headName : head,
                embedding == null ? embeddingName : embedding, tied);
        checkShape(chosen, shape);
        return read(chosen, shape);
    }

    /**
     * Loads a {@code torch.nn.Linear}: {@code <name>.weight [out, in]} and, when {@code withBias},
     * {@code <name>.bias [out]}.
     */
    public Linear loadLinear(String name, long in, long out, boolean withBias) {
        NDArray weight = load(name + ".weight", Init.NORMAL, out, in);
        NDArray bias = withBias ? load(name + ".bias", Init.ZEROS, out) : null;
        return Linear.of(name, weight, bias);
    }

    /** Loads a scalar float parameter, or returns {@code randomValue} when the weights are random. */
    public float loadScalar(String name, float randomValue) {
        if (checkpoint == null) {
            return randomValue;
        }
        String stored = resolve(name);
        if (stored == null) {
            throw new IllegalArgumentException("checkpoint has no tensor '" + name + "'" + triedHint(name));
        }
        float[] values = checkpoint.readFloats(stored);
        if (values.length != 1) {
            throw new IllegalArgumentException("tensor '" + stored + "' should be a scalar but has "
                    + values.length + " elements");
        }
        return values[0];
    }

    private void checkShape(String stored, long[] shape) {
        long[] actual = checkpoint.info(stored).shape();
        if (!Arrays.equals(actual, shape)) {
            throw new IllegalArgumentException("tensor '" + stored + "' has shape " + Arrays.toString(actual)
                    + " but config.json implies " + Arrays.toString(shape));
        }
    }

    private NDArray read(String stored, long[] shape) {
        long bytes = checkpoint.info(stored).elementCount() * Float.BYTES;
        if (bytes <= SafetensorsCheckpoint.MAX_LOAD_BYTES || !(checkpoint instanceof SafetensorsCheckpoint)) {
            return checkpoint.load(manager, stored);
        }
        // A tensor over 2 GiB as float32 (a large vocabulary's embedding) is read in row blocks.
        SafetensorsCheckpoint safetensors = (SafetensorsCheckpoint) checkpoint;
        int step = safetensors.maxRowsPerLoad(stored);
        NDList blocks = new NDList();
        try (NDManager staging = manager.newSubManager()) {
            for (long from = 0; from < shape[0]; from += step) {
                int to = (int) Math.min(shape[0], from + step);
                blocks.add(safetensors.loadRows(staging, stored, (int) from, to));
            }
            NDArray joined = NDArrays.concat(blocks, 0);
            joined.attach(manager);
            return joined;
        }
    }

    private String resolve(String name) {
        if (checkpoint.contains(name)) {
            return name;
        }
        for (String candidate : aliasSpellings(name)) {
            if (checkpoint.contains(candidate)) {
                LOG.debug("parameter {} is stored as {}", name, candidate);
                return candidate;
            }
        }
        return null;
    }

    private List<String> aliasSpellings(String name) {
        List<String> out = new ArrayList<>();
        for (LayoutAlias alias : aliases) {
            alias.toAlias(name).ifPresent(out::add);
        }
        return out;
    }

    private String triedHint(String name) {
        List<String> tried = aliasSpellings(name);
        return tried.isEmpty() ? "" : " (also tried " + tried + ")";
    }

    private NDArray random(String name, Init init, long[] shape) {
        long count = 1;
        for (long dim : shape) {
            count = Math.multiplyExact(count, dim);
        }
        float[] values = new float[Math.toIntExact(count)];
        if (init == Init.ONES) {
            Arrays.fill(values, 1f);
        } else if (init == Init.NORMAL) {
            SplittableRandom random = new SplittableRandom(tensorSeed.applyAsLong(name));
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (standardNormal(random) * RANDOM_STD);
            }
        }
        return manager.create(values, new Shape(shape));
    }

    private static double standardNormal(SplittableRandom random) {
        // Box–Muller transform on u1 in (0, 1] and u2 in [0, 1).
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
