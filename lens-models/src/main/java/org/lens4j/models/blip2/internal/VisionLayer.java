package org.lens4j.models.blip2.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.LayerNorm;
import org.lens4j.models.blocks.Mlp;
import org.lens4j.models.blocks.Scopes;
import org.lens4j.models.blocks.WeightSource;

/**
 * One pre-LN EVA encoder layer ({@code Blip2EncoderLayer}):
 * {@code h = x + self_attn(layer_norm1(x))}, {@code y = h + mlp(layer_norm2(h))}. Input and output
 * {@code [B, L, width]}.
 */
final class VisionLayer {

    private final String name;
    private final LayerNorm norm1;
    private final VisionAttention attention;
    private final LayerNorm norm2;
    private final Mlp mlp;

    VisionLayer(WeightSource weights, NDManager manager, String name, Blip2Config.Vision vision) {
        this.name = name;
        this.norm1 = LayerNorm.load(weights, manager, name + ".layer_norm1", vision.hidden(), vision.layerNormEps(),
                true);
        this.attention = new VisionAttention(weights, manager, name + ".self_attn", vision);
        this.norm2 = LayerNorm.load(weights, manager, name + ".layer_norm2", vision.hidden(), vision.layerNormEps(),
                true);
        this.mlp = Mlp.load(weights, manager, name + ".mlp", vision.hidden(), vision.intermediate(),
                vision.activation(), "activation_fn", true);
    }

    NDArray forward(NDArray x, ForwardHooks hooks) {
        return Scopes.step(x, input -> {
            hooks.onInput(name, input);
            NDArray attended = attention.forward(norm1.forward(input, hooks), hooks).addi(input);
            NDArray out = mlp.forward(norm2.forward(attended, hooks), hooks).addi(attended);
            hooks.onOutput(name, out);
            return out;
        });
    }
}
