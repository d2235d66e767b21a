package org.lens4j.models.llava.internal;

import ai.djl.ndarray.NDArray;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.llava.LlavaConfig;
import org.lens4j.models.vit.internal.ActivationLayer;

/** The multi-modal projector: {@code linear_2(act(linear_1(features)))}. */
final class LlavaProjector {

    private final String name;
    private final Linear linear1;
    private final ActivationLayer act;
    private final Linear linear2;

    private LlavaProjector(String name, Linear linear1, ActivationLayer act, Linear linear2) {
        this.name = name;
        this.linear1 = linear1;
        this.act = act;
        this.linear2 = linear2;
    }

    static void list(ModuleListing out, String name, String typeName, LlavaConfig config) {
        out.add(name, typeName, ModuleKind.VISION);
        out.add(name + ".linear_1", "Linear", ModuleKind.VISION);
        out.add(name + ".act", config.projectorActivation().typeName(), ModuleKind.VISION);
        out.add(name + ".linear_2", "Linear", ModuleKind.VISION);
    }

    static LlavaProjector load(WeightLoader weights, String name, LlavaConfig config) {
        long in = (long) config.vision().hiddenSize() * config.visionFeatureLayers().length;
        long out = config.text().hiddenSize();
        return new LlavaProjector(name,
                weights.loadLinear(name + ".linear_1", in, out, config.projectorBias()),
                new ActivationLayer(name + ".act", config.projectorActivation()),
                weights.loadLinear(name + ".linear_2", out, out, config.projectorBias()));
    }

    /** Projects {@code features [n, T, V]} to {@code [n, T, D]}. */
    NDArray forward(NDArray features, ForwardHooks hooks) {
        hooks.onInput(name, features);
        NDArray hidden = linear1.forward(features, hooks); // [n, T, D]
        hidden = act.forward(hidden, hooks);
        NDArray y = linear2.forward(hidden, hooks); // [n, T, D]
        hooks.onOutput(name, y);
        return y;
    }
}
