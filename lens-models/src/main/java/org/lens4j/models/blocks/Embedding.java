package org.lens4j.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import org.lens4j.core.capture.ForwardHooks;

/**
 * A token embedding table, as {@code torch.nn.Embedding}: ids {@code [...]} (int64) →
 * {@code [..., hidden]}.
 */
public final class Embedding implements Block {

    private final String name;
    private final NDArray weight;

    private Embedding(String name, NDArray weight) {
        this.name = Objects.requireNonNull(name, "name");
        this.weight = weight;
    }

    /** Loads {@code <name>.weight} {@code [vocab, hidden]}. */
    public static Embedding load(WeightSource weights, NDManager manager, String name, long vocab, long hidden) {
        return new Embedding(name, weights.load(manager, name + ".weight", new Shape(vocab, hidden),
                WeightInit.NORMAL));
    }

    /** Returns the dotted module name. */
    @Override
    public String name() {
        return name;
    }

    /** Returns the table {@code [vocab, hidden]}, owned by the model. */
    public NDArray weight() {
        return weight;
    }

    /**
     * Looks up the ids and reports the result under {@link #name()}; the result is created in the
     * manager of {@code ids}.
     *
     * @throws IllegalArgumentException naming the id when an id is outside {@code [0, vocab)}
     */
    @Override
    public NDArray forward(NDArray ids, ForwardHooks hooks) {
        long vocab = weight.getShape().get(0);
        for (long id : ids.toLongArray()) {
            if (id < 0 || id >= vocab) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + vocab
                        + ") of '" + name + "'");
            }
        }
        hooks.onInput(name, ids);
        NDArray out = weight.get(ids.getManager(), new NDIndex("{}", ids));
        hooks.onOutput(name, out);
        return out;
    }
}
