package org.lens4j.models.qwen2vl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.Activation;
import org.lens4j.models.blocks.ActivationModule;
import org.lens4j.models.blocks.Block;
import org.lens4j.models.blocks.LayerNorm;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.RmsNorm;
import org.lens4j.models.blocks.WeightSource;

/**
 * The patch merger {@code visual.merger}: {@code ln_q}, then each run of {@code merge²} rows is
 * concatenated into one token and passed through {@code mlp.0} (Linear), {@code mlp.1} (exact GELU)
 * and {@code mlp.2} (Linear).
 *
 * <p>Dimensions: input {@code [N, E]}, merged {@code [N / merge², E · merge²]}, output
 * {@code [N / merge², out]}.
 */
final class PatchMerger {

    private static final String NAME = "visual.merger";
    private static final double NORM_EPS = 1e-6;

    private final Block lnQ;
    private final Linear fc0;
    private final ActivationModule act1;
    private final Linear fc2;
    private final int mergedWidth;

    PatchMerger(WeightSource weights, NDManager manager, QwenVLConfig config) {
        QwenVLConfig.Vision v = config.vision();
        this.mergedWidth = v.mergedWidth();
        this.lnQ = config.variant() == QwenVLConfig.Variant.QWEN2_VL
                ? LayerNorm.load(weights, manager, NAME + ".ln_q", v.width(), NORM_EPS, true)
                : RmsNorm.load(weights, manager, NAME + ".ln_q", v.width(), NORM_EPS);
        this.fc0 = Linear.load(weights, manager, NAME + ".mlp.0", mergedWidth, mergedWidth, true);
        this.act1 = new ActivationModule(NAME + ".mlp.1", Activation.GELU);
        this.fc2 = Linear.load(weights, manager, NAME + ".mlp.2", mergedWidth, v.outWidth(), true);
    }

    /** Merges {@code [N, E]} into {@code [N / merge², out]}, reporting the merger and its children. */
    NDArray forward(NDArray x, ForwardHooks hooks) {
        hooks.onInput(NAME, x);
        NDArray normed = lnQ.forward(x, hooks);
        NDArray grouped = normed.reshape(-1, mergedWidth);
        hooks.onInput(NAME + ".mlp", grouped);
        NDArray out = fc2.forward(act1.forward(fc0.forward(grouped, hooks), hooks), hooks);
        hooks.onOutput(NAME + ".mlp", out);
        hooks.onOutput(NAME, out);
        return out;
    }
}
