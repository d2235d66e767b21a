package org.lens4j.models.vit.internal;

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
import org.lens4j.core.checkpoint.Checkpoint;
import org.lens4j.core.checkpoint.SafetensorsCheckpoint;
import org.lens4j.core.module.LayoutAlias;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads parameters by their canonical (transformers 4.47–4.51) names into a model-owned manager,
 * checking each shape.
 *
 * <p>A name missing from the checkpoint is retried under each {@link LayoutAlias} whose canonical
 * prefix it starts with, so checkpoints saved with the transformers ≥ 4.52 layout load too. With a
 * random-weights seed the checkpoint is ignored and every tensor is drawn from a generator seeded
 * by the seed and the tensor name, so the values do not depend on the loading order.
 */
public final class WeightLoader {

    /** Standard deviation of randomly initialised matrices and embeddings ({@code initializer_range} of most transformers configs). */
    public static final double RANDOM_STD = 0.02;

    private static final Logger LOG = LoggerFactory.getLogger(WeightLoader.class);

    /** The initialisation of a parameter when weights are random. */
    public enum Init {
        /** Normal with mean 0 and standard deviation {@link #RANDOM_STD}. */
        NORMAL,
        /** All ones (norm scales). */
        ONES,
        /** All zeros (biases, and norm weights stored as offsets from 1). */
        ZEROS
    }

    private final Checkpoint checkpoint;
    private final NDManager manager;
    private final List<LayoutAlias> aliases;
    private final Long randomSeed;

    private WeightLoader(Checkpoint checkpoint, NDManager manager, List<LayoutAlias> aliases, Long randomSeed) {
        this.checkpoint = checkpoint;
        this.manager = Objects.requireNonNull(manager, "manager");
        this.aliases = List.copyOf(aliases);
        this.randomSeed = randomSeed;
    }

    /** Reads from {@code checkpoint}, trying the alias spellings of a name that is absent. */
    public static WeightLoader of(Checkpoint checkpoint, NDManager manager, List<LayoutAlias> aliases) {
        return new WeightLoader(Objects.requireNonNull(checkpoint, "checkpoint"), manager, aliases, null);
    }

    /** Draws every tensor at random from {@code seed}; no checkpoint is read. */
    public static WeightLoader random(long seed, NDManager manager) {
        return new WeightLoader(null, manager, List.of(), seed);
    }

    /** Returns whether the tensor exists under its canonical or an alias name (always true when random). */
    public boolean contains(String name) {
        return checkpoint == null || resolve(name) != null;
    }

    /**
     * Loads a float tensor of the given shape into the model's manager.
     *
     * @throws IllegalArgumentException naming the tensor when it is absent or its shape differs
     */
    public NDArray load(String name, Init init, long... shape) {
        if (checkpoint == null) {
            return random(name, init, shape);
        }
        String stored = resolve(name);
        if (stored == null) {
            throw new IllegalArgumentException("checkpoint has no tensor '" + name + "'"
                    + aliasHint(name) + "; the checkpoint does not match the model configuration");
        }
        long[] actual = checkpoint.info(stored).shape();
        if (!Arrays.equals(actual, shape)) {
            throw new IllegalArgumentException("tensor '" + stored + "' has shape " + Arrays.toString(actual)
                    + " but the configuration implies " + Arrays.toString(shape));
        }
        return read(stored, shape);
    }

    /** Returns whether the weights are drawn at random instead of read. */
    public boolean isRandom() {
        return checkpoint == null;
    }

    private NDArray read(String stored, long[] shape) {
        long bytes = checkpoint.info(stored).elementCount() * Float.BYTES;
        if (bytes <= SafetensorsCheckpoint.MAX_LOAD_BYTES || !(checkpoint instanceof SafetensorsCheckpoint)) {
            return checkpoint.load(manager, stored);
        }
        // Over 2 GiB (a large vocabulary's embedding): load row ranges and join them natively.
        SafetensorsCheckpoint safetensors = (SafetensorsCheckpoint) checkpoint;
        int step = safetensors.maxRowsPerLoad(stored);
        NDList parts = new NDList();
        try (NDManager staging = manager.newSubManager()) {
            for (long from = 0; from < shape[0]; from += step) {
                int to = (int) Math.min(shape[0], from + step);
                parts.add(safetensors.loadRows(staging, stored, (int) from, to));
            }
            NDArray joined = NDArrays.concat(parts, 0);
            joined.attach(manager);
            return joined;
        }
    }

    /** Loads a scalar float parameter. */
    public float loadScalar(String name, float randomValue) {
        if (checkpoint == null) {
            return randomValue;
        }
        String stored = resolve(name);
        if (stored == null) {
            throw new IllegalArgumentException("checkpoint has no tensor '" + name + "'" + aliasHint(name));
        }
        float[] values = checkpoint.readFloats(stored);
        if (values.length != 1) {
            throw new IllegalArgumentException("tensor '" + stored + "' should be a scalar but has "
                    + values.length + " elements");
        }
        return values[0];
    }

    private String resolve(String name) {
        if (checkpoint.contains(name)) {
            return name;
        }
        for (String candidate : aliasNames(name)) {
            if (checkpoint.contains(candidate)) {
                LOG.debug("tensor {} found under the alias name {}", name, candidate);
                return candidate;
            }
        }
        return null;
    }

    private List<String> aliasNames(String name) {
        List<String> out = new ArrayList<>();
        for (LayoutAlias alias : aliases) {
            String canonical = alias.canonicalPrefix();
            String spelled = alias.aliasPrefix();
            boolean matches = canonical.endsWith(".")
                    ? name.startsWith(canonical)
                    : name.equals(canonical) || name.startsWith(canonical + ".");
            if (matches) {
                out.add(spelled + name.substring(canonical.length()));
            }
        }
        return out;
    }

    private String aliasHint(String name) {
        List<String> names = aliasNames(name);
        return names.isEmpty() ? "" : " (also tried " + names + ")";
    }

    private NDArray random(String name, Init init, long[] shape) {
        long count = 1;
        for (long dim : shape) {
            count *= dim;
        }
        float[] values = new float[Math.toIntExact(count)];
        if (init == Init.ONES) {
            Arrays.fill(values, 1f);
        } else if (init == Init.NORMAL) {
            SplittableRandom random = new SplittableRandom(randomSeed ^ ((long) name.hashCode() << 16));
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (gaussian(random) * RANDOM_STD);
            }
        }
        return manager.create(values, new Shape(shape));
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller on two uniforms in (0, 1].
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
