package org.lens4j.models.vit;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.vit.internal.ClipEncoderLayer;

/**
 * {@code CLIPEncoder}: a stack of {@code CLIPEncoderLayer}s, used by the CLIP vision and text towers.
 *
 * <p>Hidden state {@code i} follows transformers' {@code hidden_states} numbering: 0 is the encoder
 * input and {@code i ≥ 1} the output of layer {@code i − 1}.
 *
 * <pre>
 * b batch (images or texts)   s sequence   D hidden
 * </pre>
 */
public final class ClipEncoder {

    private final String name;
    private final List<ClipEncoderLayer> layers;

    private ClipEncoder(String name, List<ClipEncoderLayer> layers) {
        this.name = name;
        this.layers = layers;
    }

    /**
     * Lists {@code name}, {@code name.layers} (a container) and every layer.
     *
     * @param kind the kind of every module that runs
     */
    public static void list(ModuleListing out, String name, ClipEncoderConfig config, ModuleKind kind) {
        out.add(name, "CLIPEncoder", kind);
        out.add(name + ".layers", "ModuleList", ModuleKind.CONTAINER);
        for (int i = 0; i < config.numLayers(); i++) {
            ClipEncoderLayer.list(out, name + ".layers." + i, config, kind);
        }
    }

    /** Loads every layer. */
    public static ClipEncoder load(WeightLoader weights, String name, ClipEncoderConfig config) {
        List<ClipEncoderLayer> layers = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            layers.add(ClipEncoderLayer.load(weights, name + ".layers." + i, config));
        }
        return new ClipEncoder(name, Collections.unmodifiableList(layers));
    }

    /** Returns the number of layers. */
    public int numLayers() {
        return layers.size();
    }

    /**
     * Runs every layer on {@code x [b, s, D]}.
     *
     * @param mask additive attention mask {@code [b, 1, s, s]}, or {@code null}
     * @param keepHiddenStates hidden-state indices in {@code [0, numLayers]} to return
     * @return the last hidden state and the requested ones, all {@code [b, s, D]} in {@code x}'s
     *     manager (index 0 is {@code x} itself)
     */
    public Output forward(NDArray x, NDArray mask, ForwardHooks hooks, Set<Integer> keepHiddenStates) {
        hooks.onInput(name, x);
        Map<Integer, NDArray> kept = new TreeMap<>();
        if (keepHiddenStates.contains(0)) {
            kept.put(0, x);
        }
        NDArray hidden = x;
        boolean hiddenKept = true;
        for (int i = 0; i < layers.size(); i++) {
            NDArray next = layers.get(i).forward(hidden, mask, hooks);
            if (!hiddenKept) {
                hidden.close();
            }
            hidden = next;
            hiddenKept = keepHiddenStates.contains(i + 1) || i + 1 == layers.size();
            if (keepHiddenStates.contains(i + 1)) {
                kept.put(i + 1, hidden);
            }
        }
        hooks.onOutput(name, hidden);
        return new Output(hidden, Collections.unmodifiableMap(kept));
    }

    /**
     * The encoder's outputs.
     *
     * @param lastHiddenState output of the last layer, {@code [b, s, D]}
     * @param hiddenStates the requested hidden states by index
     */
    public record Output(NDArray lastHiddenState, Map<Integer, NDArray> hiddenStates) {
    }
}
