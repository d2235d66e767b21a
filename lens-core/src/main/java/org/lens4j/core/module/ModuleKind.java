package org.lens4j.core.module;

/** What a module's output is laid out over, which decides how pooling reads it. */
public enum ModuleKind {
    /**
     * A module of the vision side whose output rows are image patches or image tokens: either
     * {@code [images, patches, hidden]} or the 2-D {@code [all patches of the call, hidden]} with
     * per-image row ranges.
     */
    VISION,
    /** A module whose output is aligned with the language model's sequence, {@code [batch, seq, hidden]}. */
    SEQUENCE,
    /** A module that runs but whose output is neither of the above (a pooled head, a projection). */
    OTHER,
    /** A container (for example a {@code ModuleList}) that is listed but never called in forward. */
    CONTAINER,
    /** A module that exists in the checkpoint but is never called in the understanding forward pass. */
    NEVER_RUNS
}
