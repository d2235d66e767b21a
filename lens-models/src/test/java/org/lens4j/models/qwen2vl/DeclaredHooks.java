package org.lens4j.models.qwen2vl;

import ai.djl.ndarray.NDArray;
import java.util.Set;
import org.lens4j.core.capture.ForwardHooks;

/**
 * Hooks that declare a set of modules hooked and ignore every tensor. The model then runs exactly
 * the part it would run for a capture of those modules, but nothing is kept, so a forward pass
 * with these hooks is the baseline that capture overhead is measured against.
 */
final class DeclaredHooks implements ForwardHooks {

    private final Set<String> modules;

    DeclaredHooks(Set<String> modules) {
        this.modules = Set.copyOf(modules);
    }

    @Override
    public boolean isHooked(String module) {
        return modules.contains(module);
    }

    @Override
    public void onInput(String module, NDArray input) {
        // Nothing is kept.
    }

    @Override
    public void onOutput(String module, NDArray output) {
        // Nothing is kept.
    }
}
