package org.lens4j.models.blocks;

import ai.djl.ndarray.NDArray;
import java.util.Objects;
import org.lens4j.core.capture.ForwardHooks;

/** An activation that is a named module of its own, such as {@code mlp.act_fn} or {@code merger.mlp.1}. */
public final class ActivationModule implements Block {

    private final String name;
    private final Activation activation;

    /** Creates the module. */
    public ActivationModule(String name, Activation activation) {
        this.name = Objects.requireNonNull(name, "name");
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    /** Returns the dotted module name. */
    @Override
    public String name() {
        return name;
    }

    /** Applies the activation and reports input and output under {@link #name()}. */
    @Override
    public NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray y = activation.apply(x);
        hooks.onOutput(name, y);
        return y;
    }
}
