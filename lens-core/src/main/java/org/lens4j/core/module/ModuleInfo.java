package org.lens4j.core.module;

import java.util.Objects;

/**
 * One named module of a model.
 *
 * @param name the dotted {@code named_modules()} path ({@code ""} for the root)
 * @param type the reference class name, for example {@code "Qwen2RMSNorm"}
 * @param kind how the module's output is laid out
 */
public record ModuleInfo(String name, String type, ModuleKind kind) {

    /** Validates the components. */
    public ModuleInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kind, "kind");
    }

    /** Returns whether the module is called during a forward pass. */
    public boolean runs() {
        return kind != ModuleKind.CONTAINER && kind != ModuleKind.NEVER_RUNS;
    }
}
