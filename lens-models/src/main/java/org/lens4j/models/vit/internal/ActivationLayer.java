package org.lens4j.models.vit.internal;

import ai.djl.ndarray.NDArray;
import org.lens4j.core.capture.ForwardHooks;

/** An activation module with its own name, so its output can be captured. */
public final class ActivationLayer {

    private final String name;
    private final HiddenAct act;

    /** Creates the module {@code name} applying {@code act}. */
    public ActivationLayer(String name, HiddenAct act) {
        this.name = name;
        this.act = act;
    }

    /** Applies the activation. */
    public NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray y = act.apply(x);
        hooks.onOutput(name, y);
        return y;
    }
}
