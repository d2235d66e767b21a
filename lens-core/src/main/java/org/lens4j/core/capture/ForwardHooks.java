package org.lens4j.core.capture;

import ai.djl.ndarray.NDArray;

/**
 * The callback surface model code calls while it runs a forward pass.
 *
 * <p>Model code calls {@link #onInput} with a module's first tensor argument before the module
 * runs and {@link #onOutput} with its output tensor (the first tensor of a tuple output) after it
 * runs, both under the module's canonical dotted name. Implementations count calls per module so
 * a module called twice yields call index 0 and 1. Model code may skip building an input or output
 * it does not otherwise need when {@link #isHooked} returns {@code false}.
 *
 * <p>The arrays passed in still belong to the model: an implementation that keeps one must
 * duplicate it into its own manager, because the model closes its intermediates.
 */
public interface ForwardHooks {

    /** Hooks that listen to nothing. */
    ForwardHooks NONE = new ForwardHooks() {
        @Override
        public boolean isHooked(String module) {
            return false;
        }

        @Override
        public void onInput(String module, NDArray input) {
        }

        @Override
        public void onOutput(String module, NDArray output) {
        }
    };

    /** Returns whether any hook listens on this module. */
    boolean isHooked(String module);

    /** Receives the first tensor argument of {@code module} before it runs. */
    void onInput(String module, NDArray input);

    /** Receives the output tensor of {@code module} after it runs. */
    void onOutput(String module, NDArray output);
}
