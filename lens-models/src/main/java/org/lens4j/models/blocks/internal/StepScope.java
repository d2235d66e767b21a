package org.lens4j.models.blocks.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Frees the intermediates of one layer call: the input is attached to a child manager for the
 * scope's lifetime, so everything computed from it lands there, and {@link #keep} moves the result
 * back to the input's manager before {@link #close()} frees the rest.
 */
public final class StepScope implements AutoCloseable {

    private final NDManager parent;
    private final NDManager child;

    private StepScope(NDArray input) {
        this.parent = input.getManager();
        this.child = parent.newSubManager();
        input.tempAttach(child);
    }

    /** Opens a scope around {@code input}; the input returns to its manager on close. */
    public static StepScope around(NDArray input) {
        return new StepScope(input);
    }

    /** Returns the child manager, for arrays built from Java values inside the step. */
    public NDManager manager() {
        return child;
    }

    /** Moves {@code result} to the input's manager so it outlives the scope, and returns it. */
    public NDArray keep(NDArray result) {
        result.attach(parent);
        return result;
    }

    /** Frees every intermediate of the step; idempotent. */
    @Override
    public void close() {
        child.close();
    }
}
