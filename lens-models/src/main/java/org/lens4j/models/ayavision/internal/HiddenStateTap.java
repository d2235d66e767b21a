package org.lens4j.models.ayavision.internal;

import ai.djl.ndarray.NDArray;
import org.lens4j.core.capture.ForwardHooks;

/**
 * Forward hooks that pass every call on and also keep the first output reported under one module,
 * so a caller can read a hidden state the vision tower reports but does not return. The kept array
 * belongs to the tower's forward pass and lives as long as its manager.
 */
final class HiddenStateTap implements ForwardHooks {

    private final ForwardHooks delegate;
    private final String module;
    private NDArray tapped;

    HiddenStateTap(ForwardHooks delegate, String module) {
        this.delegate = delegate;
        this.module = module;
    }

    @Override
    public boolean isHooked(String name) {
        return name.equals(module) || delegate.isHooked(name);
    }

    @Override
    public void onInput(String name, NDArray input) {
        delegate.onInput(name, input);
    }

    @Override
    public void onOutput(String name, NDArray output) {
        if (tapped == null && name.equals(module)) {
            tapped = output;
        }
        delegate.onOutput(name, output);
    }

    /**
     * Returns the kept output.
     *
     * @throws IllegalStateException when the module never reported an output
     */
    NDArray tapped() {
        if (tapped == null) {
            throw new IllegalStateException("module " + module + " reported no output during the forward pass");
        }
        return tapped;
    }
}
