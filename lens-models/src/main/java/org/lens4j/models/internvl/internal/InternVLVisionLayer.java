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
 * {@code InternVLVisionLayer}: pre-norm attention and MLP whose outputs are scaled per channel by
 * the layer-scale vectors {@code lambda_1} and {@code lambda_2} before each residual addition.
 * {@code dropout} reports the MLP output before scaling.
 */
final class InternVLVisionLayer {

    private final String name;
    private final InternVLVisionAttention attention;
    private final VisionMlp mlp;
    private final VisionNorm layernormBefore;
    private final VisionNorm layernormAfter;
    private final NDArray lambda1;
    private final NDArray lambda2;

    private InternVLVisionLayer(String name, InternVLVisionAttention attention, VisionMlp mlp,
            VisionNorm layernormBefore, VisionNorm layernormAfter, NDArray lambda1, NDArray lambda2) {
        this.name = name;
        this.attention = attention;
        this.mlp = mlp;
        this.layernormBefore = layernormBefore;
        this.layernormAfter = layernormAfter;
        this.lambda1 = lambda1;
        this.lambda2 = lambda2;
    }

    static void list(ModuleListing out, String name, InternVisionConfig config) {
        String normType = config.rmsNorm() ? "InternVLVisionRMSNorm" : "LayerNorm";
        out.add(name, "InternVLVisionLayer", ModuleKind.VISION);
        InternVLVisionAttention.list(out, name + ".attention", config);
        VisionMlp.list(out, name + ".mlp", "InternVLVisionMLP", "activation_fn", config);
        out.add(name + ".layernorm_before", normType, ModuleKind.VISION);
        out.add(name + ".layernorm_after", normType, ModuleKind.VISION);
        out.add(name + ".dropout", "Dropout", ModuleKind.VISION);
    }

    static InternVLVisionLayer load(WeightLoader weights, String name, InternVisionConfig config) {
        long hidden = config.hiddenSize();
        double eps = config.layerNormEps();
        return new InternVLVisionLayer(name,
                InternVLVisionAttention.load(weights, name + ".attention", config),
                VisionMlp.load(weights, name + ".mlp", "activation_fn", config),
                VisionNorm.load(weights, name + ".layernorm_before", hidden, eps, config.rmsNorm()),
                VisionNorm.load(weights, name + ".layernorm_after", hidden, eps, config.rmsNorm()),
                weights.load(name + ".lambda_1", Init.ONES, hidden),
                weights.load(name + ".lambda_2", Init.ONES, hidden));
    }

    /** Runs the layer on {@code x [n, s, D]}; intermediates are freed before it returns. */
    NDArray forward(NDArray x, ForwardHooks hooks) {
        try (StepScope scope = StepScope.around(x)) {
            hooks.onInput(name, x);
            NDArray attended = attention.forward(layernormBefore.forward(x, hooks), hooks); // [n, s, D]
            NDArray residual = x.add(attended.mul(lambda1)); // [n, s, D]

            NDArray mlpOut = mlp.forward(layernormAfter.forward(residual, hooks), hooks); // [n, s, D]
            hooks.onInput(name + ".dropout", mlpOut);
            hooks.onOutput(name + ".dropout", mlpOut);
            NDArray y = residual.add(mlpOut.mul(lambda2)); // [n, s, D]
            hooks.onOutput(name, y);
            return scope.keep(y);
        }
    }
}
