package org.lens4j.models.vit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.Map;
import java.util.Set;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.internal.LayerNormLayer;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.vit.internal.ClipVisionEmbeddings;

/**
 * {@code CLIPVisionTransformer}: patch and position embeddings, {@code pre_layrnorm} (the
 * transformers spelling), the encoder, and {@code post_layernorm} applied to the class token only.
 *
 * <p>The weights belong to the manager the model was loaded into; this class does not own them.
 * Every module reports to the hooks under its dotted name below {@code name}: the patch
 * convolution as {@code [n, D, g, g]}, the position embeddings as {@code [1, P + 1, D]},
 * {@code post_layernorm} as the pooled {@code [n, D]}, every other module as {@code [n, P + 1, D]}.
 *
 * <pre>
 * n images   P patches   D hidden
 * </pre>
 */
public final class ClipVisionTransformer {

    private final String name;
    private final ClipVisionConfig config;
    private final ClipVisionEmbeddings embeddings;
    private final LayerNormLayer preLayrnorm;
    private final ClipEncoder encoder;
    private final LayerNormLayer postLayernorm;

    private ClipVisionTransformer(String name, ClipVisionConfig config, ClipVisionEmbeddings embeddings,
            LayerNormLayer preLayrnorm, ClipEncoder encoder, LayerNormLayer postLayernorm) {
        this.name = name;
        this.config = config;
        this.embeddings = embeddings;
        this.preLayrnorm = preLayrnorm;
        this.encoder = encoder;
        this.postLayernorm = postLayernorm;
    }

    /** Lists the tower's modules under {@code name} in {@code named_modules()} order. */
    public static void list(ModuleListing out, String name, ClipVisionConfig config) {
        out.add(name, "CLIPVisionTransformer", ModuleKind.VISION);
        ClipVisionEmbeddings.list(out, name + ".embeddings");
        out.add(name + ".pre_layrnorm", "LayerNorm", ModuleKind.VISION);
        ClipEncoder.list(out, name + ".encoder", config.encoder(), ModuleKind.VISION);
        out.add(name + ".post_layernorm", "LayerNorm", ModuleKind.OTHER);
    }

    /**
     * Loads the tower's weights from {@code name.embeddings…}, {@code name.pre_layrnorm…} and so on.
     *
     * @throws IllegalArgumentException when a tensor is missing or has the wrong shape
     */
    public static ClipVisionTransformer load(WeightLoader weights, String name, ClipVisionConfig config) {
        double eps = config.encoder().layerNormEps();
        return new ClipVisionTransformer(name, config,
                ClipVisionEmbeddings.load(weights, name + ".embeddings", config),
                LayerNormLayer.load(weights, name + ".pre_layrnorm", config.hiddenSize(), eps),
                ClipEncoder.load(weights, name + ".encoder", config.encoder()),
                LayerNormLayer.load(weights, name + ".post_layernorm", config.hiddenSize(), eps));
    }

    /** Returns the configuration. */
    public ClipVisionConfig config() {
        return config;
    }

    /**
     * Encodes {@code pixels [n, C, S, S]}.
     *
     * @param manager the manager that owns the results and intermediates (a per-call scope)
     * @param keepHiddenStates hidden-state indices to return: 0 is the {@code pre_layrnorm}
     *     output, {@code i} the output of encoder layer {@code i − 1}
     * @return the last hidden state {@code [n, P + 1, D]}, the pooled class token after
     *     {@code post_layernorm} {@code [n, D]}, and the requested hidden states
     * @throws IllegalArgumentException when the pixel shape does not match the configuration
     */
    public Output forward(NDArray pixels, NDManager manager, ForwardHooks hooks, Set<Integer> keepHiddenStates) {
        hooks.onInput(name, pixels);
        NDArray embedded = embeddings.forward(pixels, manager, hooks); // [n, P + 1, D]
        NDArray normed = preLayrnorm.forward(embedded, hooks); // [n, P + 1, D]
        ClipEncoder.Output encoded = encoder.forward(normed, null, hooks, keepHiddenStates);
        NDArray last = encoded.lastHiddenState(); // [n, P + 1, D]

        NDArray classToken = last.get(new NDIndex(":, 0, :")); // [n, D]
        NDArray pooled = postLayernorm.forward(classToken, hooks); // [n, D]
        hooks.onOutput(name, last);
        return new Output(last, pooled, encoded.hiddenStates());
    }

    /**
     * The tower's outputs; the arrays belong to the manager passed to {@code forward}.
     *
     * @param lastHiddenState {@code [n, P + 1, D]}, before {@code post_layernorm}
     * @param pooled the class token after {@code post_layernorm}, {@code [n, D]}
     * @param hiddenStates the requested hidden states by index, each {@code [n, P + 1, D]}
     */
    public record Output(NDArray lastHiddenState, NDArray pooled, Map<Integer, NDArray> hiddenStates) {
    }
}
