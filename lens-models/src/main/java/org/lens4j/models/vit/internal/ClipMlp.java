package org.lens4j.models.vit.internal;

import ai.djl.ndarray.NDArray;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.vit.ClipEncoderConfig;

/** {@code CLIPMLP}: {@code fc2(act(fc1(x)))}. */
public final class ClipMlp {

    private final String name;
    private final Linear fc1;
    private final ActivationLayer activation;
    private final Linear fc2;

    private ClipMlp(String name, Linear fc1, ActivationLayer activation, Linear fc2) {
        this.name = name;
        this.fc1 = fc1;
        this.activation = activation;
        this.fc2 = fc2;
    }

    /** Lists the module and its children in registration order. */
    public static void list(ModuleListing out, String name, ClipEncoderConfig config, ModuleKind kind) {
        out.add(name, "CLIPMLP", kind);
        out.add(ModuleListing.join(name, "activation_fn"), config.activation().typeName(), kind);
        out.add(ModuleListing.join(name, "fc1"), "Linear", kind);
        out.add(ModuleListing.join(name, "fc2"), "Linear", kind);
    }

    /** Loads both projections. */
    public static ClipMlp load(WeightLoader weights, String name, ClipEncoderConfig config) {
        return new ClipMlp(name,
                weights.loadLinear(name + ".fc1", config.hiddenSize(), config.intermediateSize(), true),
                new ActivationLayer(name + ".activation_fn", config.activation()),
                weights.loadLinear(name + ".fc2", config.intermediateSize(), config.hiddenSize(), true));
    }

    /** Applies the MLP to {@code x [b, s, D]}. */
    public NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray hidden = fc1.forward(x, hooks); // [b, s, I]
        hidden = activation.forward(hidden, hooks); // [b, s, I]
        NDArray y = fc2.forward(hidden, hooks); // [b, s, D]
        hooks.onOutput(name, y);
        return y;
    }
}
