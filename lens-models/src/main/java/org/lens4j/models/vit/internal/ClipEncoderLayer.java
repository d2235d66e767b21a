package org.lens4j.models.vit.internal;

import ai.djl.ndarray.NDArray;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.internal.LayerNormLayer;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.StepScope;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.vit.ClipEncoderConfig;

/** {@code CLIPEncoderLayer}: pre-LayerNorm attention and MLP, each with a residual connection. */
public final class ClipEncoderLayer {

    private final String name;
    private final ClipAttention selfAttn;
    private final LayerNormLayer layerNorm1;
    private final ClipMlp mlp;
    private final LayerNormLayer layerNorm2;

    private ClipEncoderLayer(String name, ClipAttention selfAttn, LayerNormLayer layerNorm1, ClipMlp mlp,
            LayerNormLayer layerNorm2) {
        this.name = name;
        this.selfAttn = selfAttn;
        this.layerNorm1 = layerNorm1;
        this.mlp = mlp;
        this.layerNorm2 = layerNorm2;
    }

    /** Lists the layer and its children in registration order. */
    public static void list(ModuleListing out, String name, ClipEncoderConfig config, ModuleKind kind) {
        out.add(name, "CLIPEncoderLayer", kind);
        ClipAttention.list(out, name + ".self_attn", kind);
        out.add(name + ".layer_norm1", "LayerNorm", kind);
        ClipMlp.list(out, name + ".mlp", config, kind);
        out.add(name + ".layer_norm2", "LayerNorm", kind);
    }

    /** Loads the layer's weights. */
    public static ClipEncoderLayer load(WeightLoader weights, String name, ClipEncoderConfig config) {
        return new ClipEncoderLayer(name,
                ClipAttention.load(weights, name + ".self_attn", config),
                LayerNormLayer.load(weights, name + ".layer_norm1", config.hiddenSize(), config.layerNormEps()),
                ClipMlp.load(weights, name + ".mlp", config),
                LayerNormLayer.load(weights, name + ".layer_norm2", config.hiddenSize(), config.layerNormEps()));
    }

    /**
     * Runs the layer on {@code x [b, s, D]}; intermediates are freed before it returns.
     *
     * @param mask additive attention mask {@code [b, 1, s, s]}, or {@code null}
     * @return {@code [b, s, D]} in {@code x}'s manager
     */
    public NDArray forward(NDArray x, NDArray mask, ForwardHooks hooks) {
        try (StepScope scope = StepScope.around(x)) {
            hooks.onInput(name, x);
            NDArray normed = layerNorm1.forward(x, hooks); // [b, s, D]
            NDArray attended = selfAttn.forward(normed, mask, hooks); // [b, s, D]
            NDArray residual = x.add(attended); // [b, s, D]

            NDArray normed2 = layerNorm2.forward(residual, hooks); // [b, s, D]
            NDArray y = residual.add(mlp.forward(normed2, hooks)); // [b, s, D]
            hooks.onOutput(name, y);
            return scope.keep(y);
        }
    }
}
