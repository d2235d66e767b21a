package org.lens4j.models.internvl.internal;

import ai.djl.ndarray.NDArray;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.StepScope;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.blocks.internal.WeightLoader.Init;
import org.lens4j.models.internvl.InternVisionConfig;

/**
 * {@code InternVisionEncoderLayer} (remote-code layout): pre-norm attention and MLP whose outputs
 * are scaled per channel by {@code ls1} and {@code ls2}; {@code drop_path1} and {@code drop_path2}
 * (identities at inference, whatever their class) report the scaled branches.
 */
final class InternVisionEncoderLayer {

    private final String name;
    private final InternAttention attn;
    private final VisionMlp mlp;
    private final VisionNorm norm1;
    private final VisionNorm norm2;
    private final NDArray ls1;
    private final NDArray ls2;

    private InternVisionEncoderLayer(String name, InternAttention attn, VisionMlp mlp, VisionNorm norm1,
            VisionNorm norm2, NDArray ls1, NDArray ls2) {
        this.name = name;
        this.attn = attn;
        this.mlp = mlp;
        this.norm1 = norm1;
        this.norm2 = norm2;
        this.ls1 = ls1;
        this.ls2 = ls2;
    }

    static void list(ModuleListing out, String name, int index, InternVisionConfig config) {
        String dropPathType = config.dropsPath(index) ? "DropPath" : "Identity";
        String normType = config.rmsNorm() ? "InternRMSNorm" : "LayerNorm";
        out.add(name, "InternVisionEncoderLayer", ModuleKind.VISION);
        InternAttention.list(out, name + ".attn", config);
        VisionMlp.list(out, name + ".mlp", "InternMLP", "act", config);
        out.add(name + ".norm1", normType, ModuleKind.VISION);
        out.add(name + ".norm2", normType, ModuleKind.VISION);
        out.add(name + ".drop_path1", dropPathType, ModuleKind.VISION);
        out.add(name + ".drop_path2", dropPathType, ModuleKind.VISION);
    }

    static InternVisionEncoderLayer load(WeightLoader weights, String name, InternVisionConfig config) {
        long hidden = config.hiddenSize();
        double eps = config.layerNormEps();
        return new InternVisionEncoderLayer(name,
                InternAttention.load(weights, name + ".attn", config),
                VisionMlp.load(weights, name + ".mlp", "act", config),
                VisionNorm.load(weights, name + ".norm1", hidden, eps, config.rmsNorm()),
                VisionNorm.load(weights, name + ".norm2", hidden, eps, config.rmsNorm()),
                weights.load(name + ".ls1", Init.ONES, hidden),
                weights.load(name + ".ls2", Init.ONES, hidden));
    }

    /** Runs the layer on {@code x [n, s, D]}; intermediates are freed before it returns. */
    NDArray forward(NDArray x, ForwardHooks hooks) {
        try (StepScope scope = StepScope.around(x)) {
            hooks.onInput(name, x);
            NDArray attended = attn.forward(norm1.forward(x, hooks), hooks).mul(ls1); // [n, s, D]
            report(name + ".drop_path1", attended, hooks);
            NDArray residual = x.add(attended); // [n, s, D]

            NDArray transformed = mlp.forward(norm2.forward(residual, hooks), hooks).mul(ls2); // [n, s, D]
            report(name + ".drop_path2", transformed, hooks);
            NDArray y = residual.add(transformed); // [n, s, D]
            hooks.onOutput(name, y);
            return scope.keep(y);
        }
    }

    private static void report(String module, NDArray value, ForwardHooks hooks) {
        hooks.onInput(module, value);
        hooks.onOutput(module, value);
    }
}
