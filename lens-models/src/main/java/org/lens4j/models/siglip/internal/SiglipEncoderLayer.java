package org.lens4j.models.siglip.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.Attention;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.internal.LayerNormLayer;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.StepScope;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.siglip.SiglipVisionConfig;
import org.lens4j.models.siglip.SiglipVisionConfig.Flavor;

/**
 * One pre-norm encoder layer: {@code h = x + Attn(LN₁(x))}, {@code y = h + MLP(LN₂(h))}.
 *
 * <pre>
 * n images   P patches   D hidden   H heads   d head size (D = H·d)   I MLP width
 * </pre>
 */
public final class SiglipEncoderLayer {

    private final String name;
    private final SiglipVisionConfig config;
    private final LayerNormLayer norm1;
    private final LayerNormLayer norm2;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;
    private final Linear fc1;
    private final Linear fc2;

    private SiglipEncoderLayer(String name, SiglipVisionConfig config, WeightLoader parameters) {
        this.name = name;
        this.config = config;
        long hidden = config.hiddenSize();
        String attention = name + ".self_attn";
        boolean janus = config.flavor() == Flavor.JANUS;
        this.norm1 = LayerNormLayer.load(parameters, name + ".layer_norm1", hidden, config.layerNormEps());
        this.norm2 = LayerNormLayer.load(parameters, name + ".layer_norm2", hidden, config.layerNormEps());
        this.query = parameters.loadLinear(attention + ".q_proj", hidden, hidden, config.attentionBias());
        this.key = parameters.loadLinear(attention + ".k_proj", hidden, hidden, config.attentionBias());
        this.value = parameters.loadLinear(attention + ".v_proj", hidden, hidden, config.attentionBias());
        this.output = parameters.loadLinear(attention + (janus ? ".projection_layer" : ".out_proj"),
                hidden, hidden, true);
        this.fc1 = parameters.loadLinear(name + ".mlp.fc1", hidden, config.intermediateSize(), true);
        this.fc2 = parameters.loadLinear(name + ".mlp.fc2", config.intermediateSize(), hidden, true);
    }

    /** Loads the layer called {@code name}, for example {@code vision_tower.vision_model.encoder.layers.3}. */
    public static SiglipEncoderLayer load(WeightLoader parameters, String name, SiglipVisionConfig config) {
        return new SiglipEncoderLayer(name, config, parameters);
    }

    /** Lists the layer's modules in {@code named_modules()} order. */
    public static void list(ModuleListing out, String name, SiglipVisionConfig config) {
        boolean janus = config.flavor() == Flavor.JANUS;
        String attention = name + ".self_attn";
        String mlp = name + ".mlp";
        out.add(name, janus ? "JanusVisionEncoderLayer" : "SiglipEncoderLayer", ModuleKind.VISION);
        if (janus) {
            out.add(name + ".layer_norm1", "LayerNorm", ModuleKind.VISION);
            out.add(attention, "JanusVisionAttention", ModuleKind.VISION);
            for (String projection : new String[] {"q_proj", "k_proj", "v_proj", "projection_layer"}) {
                out.add(attention + "." + projection, "Linear", ModuleKind.VISION);
            }
            out.add(attention + ".projection_dropout", "Identity", ModuleKind.VISION);
            out.add(attention + ".q_norm", "Identity", ModuleKind.OTHER);
            out.add(attention + ".k_norm", "Identity", ModuleKind.OTHER);
            out.add(name + ".layer_norm2", "LayerNorm", ModuleKind.VISION);
            out.add(mlp, "JanusVisionMLP", ModuleKind.VISION);
            out.add(mlp + ".activation_fn", config.activation().moduleType(), ModuleKind.VISION);
            out.add(mlp + ".fc1", "Linear", ModuleKind.VISION);
            out.add(mlp + ".fc2", "Linear", ModuleKind.VISION);
            out.add(mlp + ".dropout1", "Dropout", ModuleKind.VISION);
            out.add(mlp + ".dropout2", "Dropout", ModuleKind.VISION);
            return;
        }
        // transformers 4.47 registers self_attn before layer_norm1 (4.51 lists layer_norm1 first).
        out.add(attention, "SiglipAttention", ModuleKind.VISION);
        for (String projection : new String[] {"k_proj", "v_proj", "q_proj", "out_proj"}) {
            out.add(attention + "." + projection, "Linear", ModuleKind.VISION);
        }
        out.add(name + ".layer_norm1", "LayerNorm", ModuleKind.VISION);
        out.add(mlp, "SiglipMLP", ModuleKind.VISION);
        out.add(mlp + ".activation_fn", config.activation().moduleType(), ModuleKind.VISION);
        out.add(mlp + ".fc1", "Linear", ModuleKind.VISION);
        out.add(mlp + ".fc2", "Linear", ModuleKind.VISION);
        out.add(name + ".layer_norm2", "LayerNorm", ModuleKind.VISION);
    }

    /**
     * Runs the layer on {@code x [n, P, D]}. The result lives in {@code x}'s manager and every
     * intermediate is freed.
     */
    public NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        try (StepScope step = StepScope.around(x)) {
            NDArray attended = x.add(attention(norm1.forward(x, hooks), hooks)); // [n, P, D]
            NDArray y = attended.add(mlp(norm2.forward(attended, hooks), hooks)); // [n, P, D]
            hooks.onOutput(name, y);
            return step.keep(y);
        }
    }

    private NDArray attention(NDArray x, ForwardHooks hooks) {
        String module = name + ".self_attn";
        hooks.onInput(module, x);
        long heads = config.numHeads();
        long headSize = config.headSize();
        Shape shape = x.getShape();

        NDArray q = query.forward(x, hooks); // [n, P, D]
        NDArray k = key.forward(x, hooks);
        NDArray v = value.forward(x, hooks);
        if (config.flavor() == Flavor.JANUS) {
            q = identity(module + ".q_norm", q.reshape(-1, heads, headSize), hooks); // [n·P, H, d]
            k = identity(module + ".k_norm", k.reshape(-1, heads, headSize), hooks);
        }
        NDArray context = Attention.scaledDotProduct(
                Attention.splitHeads(q.reshape(shape), heads, headSize),
                Attention.splitHeads(k.reshape(shape), heads, headSize),
                Attention.splitHeads(v, heads, headSize),
                null,
                (float) (1.0 / Math.sqrt(headSize))); // [n, H, P, d]
        NDArray y = output.forward(Attention.mergeHeads(context), hooks); // [n, P, D]
        if (config.flavor() == Flavor.JANUS) {
            y = identity(module + ".projection_dropout", y, hooks);
        }
        hooks.onOutput(module, y);
        return y;
    }

    private NDArray mlp(NDArray x, ForwardHooks hooks) {
        String module = name + ".mlp";
        boolean janus = config.flavor() == Flavor.JANUS;
        hooks.onInput(module, x);
        NDArray h = fc1.forward(x, hooks); // [n, P, I]
        h = config.activation().forward(module + ".activation_fn", h, hooks);
        if (janus) {
            h = identity(module + ".dropout1", h, hooks);
        }
        NDArray y = fc2.forward(h, hooks); // [n, P, D]
        if (janus) {
            y = identity(module + ".dropout2", y, hooks);
        }
        hooks.onOutput(module, y);
        return y;
    }

    /** Reports a module that returns its input unchanged at inference (Identity, Dropout). */
    private static NDArray identity(String module, NDArray x, ForwardHooks hooks) {
        hooks.onInput(module, x);
        hooks.onOutput(module, x);
        return x;
    }
}
