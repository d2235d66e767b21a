package org.lens4j.models.siglip.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
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

/**
 * SigLIP's multi-head attention pooling head: a learned probe attends over the patch tokens
 * ({@code torch.nn.MultiheadAttention} with a packed input projection), then
 * {@code y = a + MLP(LN(a))}, and the head returns the probe row.
 *
 * <pre>
 * n images   P patches   D hidden   H heads   d head size
 * </pre>
 *
 * <p>{@code attention.out_proj} is listed but never called as a module: the attention applies its
 * weights inside {@code multi_head_attention_forward}, so it is {@link ModuleKind#NEVER_RUNS}.
 */
public final class SiglipPoolingHead {

    private final String name;
    private final SiglipVisionConfig config;
    private final NDArray probe;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;
    private final LayerNormLayer norm;
    private final Linear fc1;
    private final Linear fc2;

    private SiglipPoolingHead(String name, SiglipVisionConfig config, WeightLoader parameters) {
        this.name = name;
        this.config = config;
        long hidden = config.hiddenSize();
        String attention = name + ".attention";
        this.probe = parameters.load(name + ".probe", WeightLoader.Init.NORMAL, 1, 1, hidden);
        NDArray packed = parameters.load(attention + ".in_proj_weight", WeightLoader.Init.NORMAL, 3 * hidden,
                hidden);
        NDArray packedBias = parameters.load(attention + ".in_proj_bias", WeightLoader.Init.ZEROS, 3 * hidden);
        this.query = slice(attention, packed, packedBias, 0, hidden);
        this.key = slice(attention, packed, packedBias, 1, hidden);
        this.value = slice(attention, packed, packedBias, 2, hidden);
        this.output = parameters.loadLinear(attention + ".out_proj", hidden, hidden, true);
        this.norm = LayerNormLayer.load(parameters, name + ".layernorm", hidden, config.layerNormEps());
        this.fc1 = parameters.loadLinear(name + ".mlp.fc1", hidden, config.intermediateSize(), true);
        this.fc2 = parameters.loadLinear(name + ".mlp.fc2", config.intermediateSize(), hidden, true);
    }

    /** Loads the head called {@code name}. */
    public static SiglipPoolingHead load(WeightLoader parameters, String name, SiglipVisionConfig config) {
        return new SiglipPoolingHead(name, config, parameters);
    }

    /** Lists the head's modules in {@code named_modules()} order. */
    public static void list(ModuleListing out, String name, SiglipVisionConfig config) {
        out.add(name, "SiglipMultiheadAttentionPoolingHead", ModuleKind.OTHER);
        out.add(name + ".attention", "MultiheadAttention", ModuleKind.VISION);
        out.add(name + ".attention.out_proj", "NonDynamicallyQuantizableLinear", ModuleKind.NEVER_RUNS);
        out.add(name + ".layernorm", "LayerNorm", ModuleKind.VISION);
        out.add(name + ".mlp", "SiglipMLP", ModuleKind.VISION);
        out.add(name + ".mlp.activation_fn", config.activation().moduleType(), ModuleKind.VISION);
        out.add(name + ".mlp.fc1", "Linear", ModuleKind.VISION);
        out.add(name + ".mlp.fc2", "Linear", ModuleKind.VISION);
    }

    /** Pools {@code x [n, P, D]} into {@code [n, D]}, in {@code x}'s manager. */
    public NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        try (StepScope step = StepScope.around(x)) {
            long images = x.getShape().get(0);
            long hidden = config.hiddenSize();
            long heads = config.numHeads();
            long headSize = config.headSize();

            String attention = name + ".attention";
            NDArray probes = step.manager().zeros(new Shape(images, 1, hidden)).addi(probe); // [n, 1, D]
            hooks.onInput(attention, probes);
            NDArray context = Attention.scaledDotProduct(
                    Attention.splitHeads(query.apply(probes), heads, headSize),
                    Attention.splitHeads(key.apply(x), heads, headSize),
                    Attention.splitHeads(value.apply(x), heads, headSize),
                    null,
                    (float) (1.0 / Math.sqrt(headSize))); // [n, H, 1, d]
            NDArray attended = output.apply(Attention.mergeHeads(context)); // [n, 1, D]
            hooks.onOutput(attention, attended);

            NDArray h = norm.forward(attended, hooks);
            String mlp = name + ".mlp";
            hooks.onInput(mlp, h);
            NDArray m = fc1.forward(h, hooks); // [n, 1, I]
            m = config.activation().forward(mlp + ".activation_fn", m, hooks);
            m = fc2.forward(m, hooks); // [n, 1, D]
            hooks.onOutput(mlp, m);

            NDArray pooled = attended.add(m).get(new NDIndex(":, 0, :")); // [n, D]
            hooks.onOutput(name, pooled);
            return step.keep(pooled);
        }
    }

    private static Linear slice(String attention, NDArray packed, NDArray packedBias, int part, long hidden) {
        String rows = (part * hidden) + ":" + ((part + 1) * hidden);
        return Linear.of(attention + ".in_proj[" + part + "]", packed.get(rows), packedBias.get(rows));
    }
}
