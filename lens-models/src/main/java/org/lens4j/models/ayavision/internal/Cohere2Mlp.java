package org.lens4j.models.ayavision.internal;

import ai.djl.ndarray.NDArray;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.ayavision.Cohere2TextConfig;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.siglip.internal.HiddenActivation;

/** {@code Cohere2MLP}: {@code down_proj(act(gate_proj(x)) · up_proj(x))}, without biases. */
final class Cohere2Mlp {

    private final String name;
    private final Linear gateProj;
    private final Linear upProj;
    private final Linear downProj;
    private final HiddenActivation activation;

    private Cohere2Mlp(String name, Linear gateProj, Linear upProj, Linear downProj, HiddenActivation activation) {
        this.name = name;
        this.gateProj = gateProj;
        this.upProj = upProj;
        this.downProj = downProj;
        this.activation = activation;
    }

    static void list(ModuleListing out, String name, Cohere2TextConfig config) {
        out.add(name, "Cohere2MLP", ModuleKind.SEQUENCE);
        out.add(name + ".gate_proj", "Linear", ModuleKind.SEQUENCE);
        out.add(name + ".up_proj", "Linear", ModuleKind.SEQUENCE);
        out.add(name + ".down_proj", "Linear", ModuleKind.SEQUENCE);
        out.add(name + ".act_fn", config.activation().moduleType(), ModuleKind.SEQUENCE);
    }

    static Cohere2Mlp load(WeightLoader parameters, String name, Cohere2TextConfig config) {
        long hidden = config.hiddenSize();
        long inner = config.intermediateSize();
        return new Cohere2Mlp(name,
                parameters.loadLinear(name + ".gate_proj", hidden, inner, false),
                parameters.loadLinear(name + ".up_proj", hidden, inner, false),
                parameters.loadLinear(name + ".down_proj", inner, hidden, false),
                config.activation());
    }

    /** Applies the MLP to {@code x [b, s, D]}. */
    NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray gate = activation.forward(name + ".act_fn", gateProj.forward(x, hooks), hooks); // [b, s, I]
        NDArray up = upProj.forward(x, hooks); // [b, s, I]
        NDArray y = downProj.forward(gate.mul(up), hooks); // [b, s, D]
        hooks.onOutput(name, y);
        return y;
    }
}
