package org.lens4j.models.internvl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.internvl.InternVisionConfig;

/**
 * {@code InternVisionModel} (remote-code layout): embeddings and {@code encoder.layers.N}, with no
 * final norm. The tower reports its last hidden state {@code [n, P + 1, D]}.
 *
 * <pre>
 * n tiles   P patches   D hidden
 * </pre>
 */
final class InternVisionModel {

    private final String name;
    private final InternVisionEmbeddings embeddings;
    private final List<InternVisionEncoderLayer> layers;

    private InternVisionModel(String name, InternVisionEmbeddings embeddings, List<InternVisionEncoderLayer> layers) {
        this.name = name;
        this.embeddings = embeddings;
        this.layers = layers;
    }

    static void list(ModuleListing out, String name, InternVisionConfig config) {
        out.add(name, "InternVisionModel", ModuleKind.VISION);
        InternVisionEmbeddings.list(out, name + ".embeddings");
        out.add(name + ".encoder", "InternVisionEncoder", ModuleKind.VISION);
        out.add(name + ".encoder.layers", "ModuleList", ModuleKind.CONTAINER);
        for (int i = 0; i < config.numLayers(); i++) {
            InternVisionEncoderLayer.list(out, name + ".encoder.layers." + i, i, config);
        }
    }

    static InternVisionModel load(WeightLoader weights, String name, InternVisionConfig config) {
        List<InternVisionEncoderLayer> layers = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            layers.add(InternVisionEncoderLayer.load(weights, name + ".encoder.layers." + i, config));
        }
        return new InternVisionModel(name, InternVisionEmbeddings.load(weights, name + ".embeddings", config),
                Collections.unmodifiableList(layers));
    }

    /**
     * Encodes {@code pixels [n, C, S, S]} and returns one hidden state {@code [n, P + 1, D]}.
     *
     * @param selectLayer a hidden-state index, 0 being the embeddings and {@code i} the output of
     *     layer {@code i − 1}; negative values count from the end, so −1 is the tower output
     * @param manager owns the result and the intermediates
     */
    NDArray forward(NDArray pixels, int selectLayer, NDManager manager, ForwardHooks hooks) {
        hooks.onInput(name, pixels);
        NDArray hidden = embeddings.forward(pixels, manager, hooks); // [n, P + 1, D]
        EncoderStates states = new EncoderStates(Math.floorMod(selectLayer, layers.size() + 1), hidden);
        hooks.onInput(name + ".encoder", hidden);
        for (InternVisionEncoderLayer layer : layers) {
            states.advance(layer.forward(states.current(), hooks));
        }
        hooks.onOutput(name + ".encoder", states.current());
        hooks.onOutput(name, states.current());
        return states.selected();
    }
}
