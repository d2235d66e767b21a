package org.lens4j.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Objects;
import org.lens4j.core.capture.ForwardHooks;

/**
 * The gated MLP of Llama-style blocks (SwiGLU when the activation is SiLU):
 * {@code down_proj(act_fn(gate_proj(x)) · up_proj(x))}.
 *
 * <p>Dimensions: {@code hidden} model width, {@code inner} intermediate width; input and output
 * {@code [..., hidden]}. Children are named {@code gate_proj}, {@code up_proj}, {@code down_proj}
 * and {@code act_fn} under the module name.
 */
public final class GatedMlp implements Block {

    private final String name;
    private final Linear gate;
    private final Linear up;
    private final Linear down;
    private final ActivationModule act;

    private GatedMlp(String name, Linear gate, Linear up, Linear down, ActivationModule act) {
        this.name = Objects.requireNonNull(name, "name");
        this.gate = gate;
        this.up = up;
        this.down = down;
        this.act = act;
    }

    /** Loads the three projections, with biases when {@code withBias} (Qwen2.5-VL vision blocks). */
    public static GatedMlp load(WeightSource weights, NDManager manager, String name, long hidden, long inner,
            Activation activation, boolean withBias) {
        Linear gate = Linear.load(weights, manager, name + ".gate_proj", hidden, inner, withBias);
        Linear up = Linear.load(weights, manager, name + ".up_proj", hidden, inner, withBias);
        Linear down = Linear.load(weights, manager, name + ".down_proj", inner, hidden, withBias);
        return new GatedMlp(name, gate, up, down, new ActivationModule(name + ".act_fn", activation));
    }

    /** Returns the dotted module name. */
    @Override
    public String name() {
        return name;
    }

    /** Runs the MLP, reporting every child and the MLP itself in execution order. */
    @Override
    public NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray gated = act.forward(gate.forward(x, hooks), hooks);
        NDArray product = gated.mul(up.forward(x, hooks));
        NDArray y = down.forward(product, hooks);
        hooks.onOutput(name, y);
        return y;
    }
}
