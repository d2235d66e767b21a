package org.lens4j.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Objects;
import org.lens4j.core.capture.ForwardHooks;

/**
 * The two-layer MLP of ViT-style blocks: {@code fc2(act(fc1(x)))}.
 *
 * <p>Dimensions: {@code hidden} block width, {@code inner} MLP width; input and output
 * {@code [..., hidden]}. The children are {@code fc1} and {@code fc2} and an activation module
 * whose name differs between families ({@code act} in Qwen2-VL, {@code activation_fn} in CLIP).
 */
public final class Mlp implements Block {

    private final String name;
    private final Linear fc1;
    private final ActivationModule act;
    private final Linear fc2;

    private Mlp(String name, Linear fc1, ActivationModule act, Linear fc2) {
        this.name = Objects.requireNonNull(name, "name");
        this.fc1 = fc1;
        this.act = act;
        this.fc2 = fc2;
    }

    /**
     * Loads {@code <name>.fc1} and {@code <name>.fc2}.
     *
     * @param activationName the activation module's name relative to {@code name}, for example {@code act}
     */
    public static Mlp load(WeightSource weights, NDManager manager, String name, long hidden, long inner,
            Activation activation, String activationName, boolean withBias) {
        Linear fc1 = Linear.load(weights, manager, name + ".fc1", hidden, inner, withBias);
        Linear fc2 = Linear.load(weights, manager, name + ".fc2", inner, hidden, withBias);
        return new Mlp(name, fc1, new ActivationModule(name + "." + activationName, activation), fc2);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray y = fc2.forward(act.forward(fc1.forward(x, hooks), hooks), hooks);
        hooks.onOutput(name, y);
        return y;
    }
}
