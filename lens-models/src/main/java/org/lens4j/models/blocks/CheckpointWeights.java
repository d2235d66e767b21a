package org.lens4j.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.lens4j.core.checkpoint.Checkpoint;
import org.lens4j.core.module.LayoutAlias;

/**
 * Parameters read from a {@link Checkpoint}, with shape checks and a record of which tensors were
 * read.
 *
 * <p>A parameter is looked up under its canonical name first. When it is absent, its spelling in
 * each {@link LayoutAlias} that covers it is tried, so a checkpoint saved in another layout (for
 * example {@code model.language_model.layers.0…} for {@code model.layers.0…}) loads too. The
 * source does not own the checkpoint.
 */
public final class CheckpointWeights implements WeightSource {

    private final Checkpoint checkpoint;
    private final List<LayoutAlias> aliases;
    private final String description;
    private final Set<String> read = new LinkedHashSet<>();

    /**
     * Creates a source.
     *
     * @param checkpoint the open checkpoint; the caller closes it
     * @param aliases prefix rewrites tried when a canonical name is absent (may be empty)
     * @param description what the checkpoint is, for example the folder name
     */
    public CheckpointWeights(Checkpoint checkpoint, List<LayoutAlias> aliases, String description) {
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
        this.aliases = List.copyOf(aliases);
        this.description = Objects.requireNonNull(description, "description");
    }

    @Override
    public NDArray load(NDManager manager, String name, Shape shape, WeightInit init) {
        String stored = resolve(name);
        if (stored == null) {
            throw new IllegalArgumentException("checkpoint " + description + " has no tensor '" + name
                    + "'; check that the config matches the weights");
        }
        long[] storedShape = checkpoint.info(stored).shape();
        if (!Arrays.equals(storedShape, shape.getShape())) {
            throw new IllegalArgumentException("tensor '" + stored + "' in " + description + " has shape "
                    + Arrays.toString(storedShape) + " but the config implies " + shape
                    + "; check that config.json belongs to these weights");
        }
        read.add(stored);
        return checkpoint.load(manager, stored);
    }

    @Override
    public boolean contains(String name) {
        return resolve(name) != null;
    }

    @Override
    public String description() {
        return description;
    }

    /** Returns the checkpoint tensors no {@link #load} call has read so far, sorted. */
    public Set<String> unreadNames() {
        Set<String> unread = new TreeSet<>(checkpoint.names());
        unread.removeAll(read);
        return unread;
    }

    private String resolve(String name) {
        if (checkpoint.contains(name)) {
            return name;
        }
        for (LayoutAlias alias : aliases) {
            String candidate = alias.toAlias(name).orElse(null);
            if (candidate != null && checkpoint.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
