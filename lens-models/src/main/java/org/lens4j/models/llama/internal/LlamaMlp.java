package org.lens4j.models.llama.internal;

import ai.djl.ndarray.NDArray;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.llama.LlamaTextConfig;
import org.lens4j.models.vit.internal.ActivationLayer;

/** The gated MLP: {@code down_proj(act(gate_proj(x)) · up_proj(x))}. */
public final class LlamaMlp {

    private final String name;
    private final Linear gateProj;
    private final Linear upProj;
    private final Linear downProj;
    private final ActivationLayer activation;

    private LlamaMlp(String name, Linear gateProj, Linear upProj, Linear downProj,
            ActivationLayer activation) {
        this.name = name;
        this.gateProj = gateProj;
        this.upProj = upProj;
        this.downProj = downProj;
        this.activation = activation;
    }

    /** Lists the module and its children in registration order. */
    public static void list(ModuleListing out, String name, LlamaTextConfig config) {
        out.add(name, config.typeName("MLP"), ModuleKind.SEQUENCE);
        out.add(name + ".gate_proj", "Linear", ModuleKind.SEQUENCE);
        out.add(name + ".up_proj", "Linear", ModuleKind.SEQUENCE);
        out.add(name + ".down_proj", "Linear", ModuleKind.SEQUENCE);
        out.add(name + ".act_fn", config.activation().typeName(), ModuleKind.SEQUENCE);
    }

    /** Loads the three projections. */
    public static LlamaMlp load(WeightLoader weights, String name, LlamaTextConfig config) {
        long hidden = config.hiddenSize();
        long inner = config.intermediateSize();
        boolean bias = config.mlpBias();
        return new LlamaMlp(name,
                weights.loadLinear(name + ".gate_proj", hidden, inner, bias),
                weights.loadLinear(name + ".up_proj", hidden, inner, bias),
                weights.loadLinear(name + ".down_proj", inner, hidden, bias),
                new ActivationLayer(name + ".act_fn", config.activation()));
    }

    /** Applies the MLP to {@code x [b, s, D]}. */
    public NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray gate = activation.forward(gateProj.forward(x, hooks), hooks); // [b, s, I]
        NDArray up = upProj.forward(x, hooks); // [b, s, I]
        NDArray y = downProj.forward(gate.mul(up), hooks); // [b, s, D]
        hooks.onOutput(name, y);
        return y;
    }
}
