package org.lens4j.models.blocks.internal;

import ai.djl.ndarray.NDManager;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.module.ModuleTree;

/**
 * The lifecycle of a loaded model: one {@link NDManager} owns every weight, {@link #close()} frees
 * it once, and every other call after close throws {@link IllegalStateException}.
 */
public abstract class ManagedModel implements HookedModel {

    private final String familyId;
    private final String modelId;
    private final ModuleTree modules;
    private final NDManager weights;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Takes ownership of {@code weights}, the manager that owns the parameters.
     *
     * @param modelId a description of the weights, shown by {@link #modelId()}
     */
    protected ManagedModel(String familyId, String modelId, ModuleTree modules, NDManager weights) {
        this.familyId = familyId;
        this.modelId = modelId;
        this.modules = modules;
        this.weights = weights;
    }

    @Override
    public final String familyId() {
        ensureOpen();
        return familyId;
    }

    @Override
    public final String modelId() {
        ensureOpen();
        return modelId;
    }

    @Override
    public final ModuleTree modules() {
        ensureOpen();
        return modules;
    }

    /**
     * Returns the manager that owns the weights. It stays owned by the model: close the model, not
     * the manager.
     */
    public final NDManager manager() {
        return weights;
    }

    /** Opens a child of the weights' manager for the intermediates of one forward pass; the caller closes it. */
    protected final NDManager newForwardScope() {
        ensureOpen();
        return weights.newSubManager();
    }

    /** Throws {@link IllegalStateException} once the model is closed. */
    protected final void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("model " + modelId + " (" + familyId + ") is closed; load it again");
        }
    }

    /** Frees the weights; idempotent. */
    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            weights.close();
        }
    }
}
