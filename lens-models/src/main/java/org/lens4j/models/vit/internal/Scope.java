package org.lens4j.models.vit.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A child {@link NDManager} that owns the intermediates of one block call.
 *
 * <p>The input is attached to the scope for its lifetime, so every array computed from it lands in
 * the scope and is freed on {@link #close()}; the input returns to its own manager then. Call
 * {@link #keep} on the result to move it to the input's original manager before closing.
 */
public final class Scope implements AutoCloseable {

    private final NDManager parent;
    private final NDManager manager;

    private Scope(NDArray input) {
        this.parent = input.getManager();
        this.manager = parent.newSubManager();
        input.tempAttach(manager);
    }

    /** Opens a scope around {@code input}. */
    public static Scope around(NDArray input) {
        return new Scope(input);
    }

    /** Returns the scope's manager, for arrays created from Java data. */
    public NDManager manager() {
        return manager;
    }

    /** Moves {@code result} to the manager the input came from and returns it. */
    public NDArray keep(NDArray result) {
        result.attach(parent);
        return result;
    }

    /** Frees every intermediate; idempotent. */
    @Override
    public void close() {
        manager.close();
    }
}
