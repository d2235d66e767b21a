package org.lens4j.models.vit.internal;

import ai.djl.ndarray.NDManager;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.module.ModuleTree;

/**
 * Lifecycle shared by the hooked models of this module: one {@link NDManager} owns every weight,
 * {@link #close()} frees it once, and every other call after close throws.
 */
public abstract class ManagedModel implements HookedModel {

    private final String familyId;
    private final String modelId;
    private final ModuleTree modules;
    private final NDManager manager;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Takes ownership of {@code manager}, which owns the weights.
     *
     * @param modelId a description of the weights, shown by {@link #modelId()}
     */
    protected ManagedModel(String familyId, String modelId, ModuleTree modules, NDManager manager) {
        this.familyId = familyId;
        this.modelId = modelId;
        this.modules = modules;
        this.manager = manager;
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
        return manager;
    }

    /** Returns a new child of the weights' manager for one forward pass; the caller closes it. */
    protected final NDManager newScope() {
        ensureOpen();
        return manager.newSubManager();
    }

    /** Throws {@link IllegalStateException} after {@link #close()}. */
    protected final void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("model " + modelId + " (" + familyId + ") is closed");
        }
    }

    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            manager.close();
        }
    }
}
