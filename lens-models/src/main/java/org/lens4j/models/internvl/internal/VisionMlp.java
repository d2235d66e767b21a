package org.lens4j.models.internvl.internal;

import ai.djl.ndarray.NDArray;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.internvl.InternVisionConfig;
import org.lens4j.models.vit.internal.ActivationLayer;

/** The InternViT MLP: {@code fc2(act(fc1(x)))}, both linear layers with biases. */
final class VisionMlp {

    private final String name;
    private final Linear fc1;
    private final ActivationLayer act;
    private final Linear fc2;

    private VisionMlp(String name, Linear fc1, ActivationLayer act, Linear fc2) {
        this.name = name;
        this.fc1 = fc1;
        this.act = act;
        this.fc2 = fc2;
    }

    /**
     * Lists the MLP and its children in registration order (activation first).
     *
     * @param actName the activation's child name ({@code activation_fn} or {@code act})
     */
    static void list(ModuleListing out, String name, String typeName, String actName, InternVisionConfig config) {
        out.add(name, typeName, ModuleKind.VISION);
        out.add(name + "." + actName, config.activation().typeName(), ModuleKind.VISION);
        out.add(name + ".fc1", "Linear", ModuleKind.VISION);
        out.add(name + ".fc2", "Linear", ModuleKind.VISION);
    }

    static VisionMlp load(WeightLoader weights, String name, String actName, InternVisionConfig config) {
        long hidden = config.hiddenSize();
        long inner = config.intermediateSize();
        return new VisionMlp(name,
                weights.loadLinear(name + ".fc1", hidden, inner, true),
                new ActivationLayer(name + "." + actName, config.activation()),
                weights.loadLinear(name + ".fc2", inner, hidden, true));
    }

    /** Applies the MLP to {@code x [n, s, D]}. */
    NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray hidden = fc1.forward(x, hooks); // [n, s, I]
        hidden = act.forward(hidden, hooks);
        NDArray y = fc2.forward(hidden, hooks); // [n, s, D]
        hooks.onOutput(name, y);
        return y;
    }
}
