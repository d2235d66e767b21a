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
 * {@code InternVLVisionModel} (transformers-native layout): embeddings, {@code encoder.layer.N},
 * and a final {@code layernorm} that is an identity when {@code use_mean_pooling} is set. The
 * tower and its final norm report {@code [n, P + 1, D]}.
 *
 * <pre>
 * n tiles   P patches   D hidden
 * </pre>
 */
final class InternVLVisionModel {

    private final String name;
    private final InternVLVisionEmbeddings embeddings;
    private final List<InternVLVisionLayer> layers;
    private final VisionNorm layernorm;

    private InternVLVisionModel(String name, InternVLVisionEmbeddings embeddings, List<InternVLVisionLayer> layers,
            VisionNorm layernorm) {
        this.name = name;
        this.embeddings = embeddings;
        this.layers = layers;
        this.layernorm = layernorm;
    }

    static void list(ModuleListing out, String name, InternVisionConfig config, boolean useMeanPooling) {
        out.add(name, "InternVLVisionModel", ModuleKind.VISION);
        InternVLVisionEmbeddings.list(out, name + ".embeddings");
        out.add(name + ".encoder", "InternVLVisionEncoder", ModuleKind.VISION);
        out.add(name + ".encoder.layer", "ModuleList", ModuleKind.CONTAINER);
        for (int i = 0; i < config.numLayers(); i++) {
            InternVLVisionLayer.list(out, name + ".encoder.layer." + i, config);
        }
        out.add(name + ".layernorm", useMeanPooling ? "Identity" : "LayerNorm", ModuleKind.VISION);
    }

    static InternVLVisionModel load(WeightLoader weights, String name, InternVisionConfig config,
            boolean useMeanPooling) {
        List<InternVLVisionLayer> layers = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            layers.add(InternVLVisionLayer.load(weights, name + ".encoder.layer." + i, config));
        }
        // The final norm is a LayerNorm regardless of norm_type.
        VisionNorm layernorm = useMeanPooling
                ? VisionNorm.identity(name + ".layernorm")
                : VisionNorm.load(weights, name + ".layernorm", config.hiddenSize(), config.layerNormEps(), false);
        return new InternVLVisionModel(name, InternVLVisionEmbeddings.load(weights, name + ".embeddings", config),
                Collections.unmodifiableList(layers), layernorm);
    }

    /**
     * Encodes {@code pixels [n, C, S, S]} and returns one hidden state {@code [n, P + 1, D]}.
     *
     * @param featureLayer −1 for the tower output after the final norm; otherwise a hidden-state
     *     index, 0 being the embeddings and {@code i} the output of layer {@code i − 1} (negative
     *     values count from the end)
     * @param manager owns the result and the intermediates
     */
    NDArray forward(NDArray pixels, int featureLayer, NDManager manager, ForwardHooks hooks) {
        hooks.onInput(name, pixels);
        NDArray hidden = embeddings.forward(pixels, manager, hooks); // [n, P + 1, D]
        int keep = featureLayer == -1 ? -1 : Math.floorMod(featureLayer, layers.size() + 1);
        EncoderStates states = new EncoderStates(keep, hidden);
        hooks.onInput(name + ".encoder", hidden);
        for (InternVLVisionLayer layer : layers) {
            states.advance(layer.forward(states.current(), hooks));
        }
        hooks.onOutput(name + ".encoder", states.current());

        NDArray last = layernorm.forward(states.current(), hooks); // [n, P + 1, D]
        hooks.onOutput(name, last);
        return keep == -1 ? last : states.selected();
    }
}
