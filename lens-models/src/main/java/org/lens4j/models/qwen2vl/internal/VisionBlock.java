package org.lens4j.models.qwen2vl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.Block;
import org.lens4j.models.blocks.GatedMlp;
import org.lens4j.models.blocks.LayerNorm;
import org.lens4j.models.blocks.Mlp;
import org.lens4j.models.blocks.RmsNorm;
import org.lens4j.models.blocks.Scopes;
import org.lens4j.models.blocks.WeightSource;

/**
 * One pre-norm vision block: {@code h = x + attn(norm1(x))}, {@code y = h + mlp(norm2(h))}.
 *
 * <p>Qwen2-VL uses LayerNorm (eps 1e-6) and a {@code fc1 → act → fc2} MLP; Qwen2.5-VL uses RMSNorm
 * (eps 1e-6) and a gated MLP with biases. Dimensions: input and output {@code [N, E]}.
 */
final class VisionBlock {

    private static final double NORM_EPS = 1e-6;

    private final String name;
    private final Block norm1;
    private final Block norm2;
    private final VisionAttention attn;
    private final Block mlp;

    VisionBlock(WeightSource weights, NDManager manager, String name, QwenVLConfig config) {
        QwenVLConfig.Vision v = config.vision();
        this.name = name;
        if (config.variant() == QwenVLConfig.Variant.QWEN2_VL) {
            this.norm1 = LayerNorm.load(weights, manager, name + ".norm1", v.width(), NORM_EPS, true);
            this.norm2 = LayerNorm.load(weights, manager, name + ".norm2", v.width(), NORM_EPS, true);
            this.mlp = Mlp.load(weights, manager, name + ".mlp", v.width(), v.mlpWidth(), v.activation(), "act", true);
        } else {
            this.norm1 = RmsNorm.load(weights, manager, name + ".norm1", v.width(), NORM_EPS);
            this.norm2 = RmsNorm.load(weights, manager, name + ".norm2", v.width(), NORM_EPS);
            this.mlp = GatedMlp.load(weights, manager, name + ".mlp", v.width(), v.mlpWidth(), v.activation(), true);
        }
        this.attn = new VisionAttention(weights, manager, name + ".attn", v.width(), v.heads());
    }

    /** Runs the block inside its own scope; see {@link VisionAttention#forward} for the arguments. */
    NDArray forward(NDArray x, NDArray cos, NDArray sin, int[] bounds, ForwardHooks hooks) {
        return Scopes.step(x, input -> {
            hooks.onInput(name, input);
            NDArray attended = input.add(attn.forward(norm1.forward(input, hooks), cos, sin, bounds, hooks));
            NDArray out = attended.add(mlp.forward(norm2.forward(attended, hooks), hooks));
            hooks.onOutput(name, out);
            return out;
        });
    }
}
