package org.lens4j.models.internvl.internal;

import ai.djl.ndarray.NDArray;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.internal.LayerNormLayer;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.llama.internal.RmsNorm;

/** A normalisation module of the InternViT tower: a LayerNorm or an RMSNorm, chosen by {@code norm_type}. */
interface VisionNorm {

    /** Normalises {@code x [..., D]} over the last axis, reporting under the module's name. */
    NDArray forward(NDArray x, ForwardHooks hooks);

    /** Loads {@code name.weight} (and {@code name.bias} for a LayerNorm) of width {@code size}. */
    static VisionNorm load(WeightLoader weights, String name, long size, double eps, boolean rms) {
        if (rms) {
            RmsNorm norm = RmsNorm.load(weights, name, size, eps, false);
            return norm::forward;
        }
        LayerNormLayer norm = LayerNormLayer.load(weights, name, size, eps);
        return norm::forward;
    }

    /** Returns a module that passes its input through, reported under {@code name}. */
    static VisionNorm identity(String name) {
        return (x, hooks) -> {
            hooks.onInput(name, x);
            hooks.onOutput(name, x);
            return x;
        };
    }
}
