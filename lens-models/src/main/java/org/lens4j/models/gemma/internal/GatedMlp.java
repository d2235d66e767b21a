package org.lens4j.models.gemma.internal;

import ai.djl.ndarray.NDArray;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.gemma.DecoderConfig;

/** The gated MLP {@code down(act(gate(x)) · up(x))}: {@code [b, s, D]} → {@code [b, s, D]} through width I. */
public final class GatedMlp {

    private final String name;
    private final DecoderConfig config;
    private final Linear gate;
    private final Linear up;
    private final Linear down;

    private GatedMlp(String name, DecoderConfig config, WeightLoader parameters) {
        this.name = name;
        this.config = config;
        long hidden = config.hiddenSize();
        long width = config.intermediateSize();
        this.gate = parameters.loadLinear(name + ".gate_proj", hidden, width, config.mlpBias());
        this.up = parameters.loadLinear(name + ".up_proj", hidden, width, config.mlpBias());
        this.down = parameters.loadLinear(name + ".down_proj", width, hidden, config.mlpBias());
    }

    /** Loads the MLP called {@code name}. */
    public static GatedMlp load(WeightLoader parameters, String name, DecoderConfig config) {
        return new GatedMlp(name, config, parameters);
    }

    /** Applies the MLP, reporting every submodule in the reference's call order. */
    public NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray gated = config.activation().forward(name + ".act_fn", gate.forward(x, hooks), hooks); // [b, s, I]
        NDArray product = gated.mul(up.forward(x, hooks)); // [b, s, I]
        NDArray y = down.forward(product, hooks); // [b, s, D]
        hooks.onOutput(name, y);
        return y;
    }
}
