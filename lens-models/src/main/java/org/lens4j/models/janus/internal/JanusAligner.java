package org.lens4j.models.janus.internal;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.janus.JanusConfig;

/**
 * The aligner {@code JanusVisionAlignerMLP}: {@code fc1}, then for each hidden layer the activation
 * followed by that layer. It maps {@code [n, T, V]} to {@code [n, T, D]}. With depth k the
 * activation module runs k − 1 times.
 */
final class JanusAligner {

    private final String name;
    private final JanusConfig config;
    private final Linear fc1;
    private final List<Linear> hiddenLayers = new ArrayList<>();

    private JanusAligner(String name, JanusConfig config, WeightLoader parameters) {
        this.name = name;
        this.config = config;
        long width = config.projectionDim();
        this.fc1 = parameters.loadLinear(name + ".fc1", config.vision().hiddenSize(), width, true);
        for (int i = 0; i < config.alignerDepth() - 1; i++) {
            hiddenLayers.add(parameters.loadLinear(name + ".hidden_layers." + i, width, width, true));
        }
    }

    static JanusAligner load(WeightLoader parameters, String name, JanusConfig config) {
        return new JanusAligner(name, config, parameters);
    }

    static void list(ModuleListing out, String name, JanusConfig config) {
        out.add(name, "JanusVisionAlignerMLP", ModuleKind.VISION);
        out.add(name + ".fc1", "Linear", ModuleKind.VISION);
        out.add(name + ".hidden_layers", "ModuleList", ModuleKind.CONTAINER);
        for (int i = 0; i < config.alignerDepth() - 1; i++) {
            out.add(name + ".hidden_layers." + i, "Linear", ModuleKind.VISION);
        }
        out.add(name + ".activation_fn", config.vision().activation().moduleType(), ModuleKind.VISION);
    }

    NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray h = fc1.forward(x, hooks); // [n, T, D]
        for (Linear layer : hiddenLayers) {
            h = config.vision().activation().forward(name + ".activation_fn", h, hooks);
            h = layer.forward(h, hooks); // [n, T, D]
        }
        hooks.onOutput(name, h);
        return h;
    }
}
