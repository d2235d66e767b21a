package org.lens4j.models.ayavision.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.ayavision.AyaVisionConfig;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.internal.LayerNormLayer;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.internvl.internal.PixelShuffle;
import org.lens4j.models.siglip.internal.HiddenActivation;

/**
 * {@code AyaVisionMultiModalProjector}: pixel shuffle, {@code layernorm}, {@code linear_1}, then
 * SwiGLU: the first half of the channels is the value and the second half the gate,
 * {@code linear_2(silu(gate) · value)}. {@code act} reports {@code silu(gate)}. Every module keeps
 * the shuffled grid, so outputs are {@code [n, g/f, g/f, ·]}.
 *
 * <pre>
 * n images   g patches per side   f factor   V vision hidden   A alignment width   D text hidden
 * </pre>
 */
final class AyaVisionProjector {

    private final String name;
    private final int factor;
    private final LayerNormLayer layernorm;
    private final Linear linear1;
    private final Linear linear2;
    private final long half;

    private AyaVisionProjector(String name, int factor, LayerNormLayer layernorm, Linear linear1, Linear linear2,
            long half) {
        this.name = name;
        this.factor = factor;
        this.layernorm = layernorm;
        this.linear1 = linear1;
        this.linear2 = linear2;
        this.half = half;
    }

    static void list(ModuleListing out, String name) {
        // The outputs keep the [n, rows, columns, ·] grid, which pooling does not read.
        out.add(name, "AyaVisionMultiModalProjector", ModuleKind.OTHER);
        out.add(name + ".layernorm", "LayerNorm", ModuleKind.OTHER);
        out.add(name + ".linear_1", "Linear", ModuleKind.OTHER);
        out.add(name + ".act", HiddenActivation.SILU.moduleType(), ModuleKind.OTHER);
        out.add(name + ".linear_2", "Linear", ModuleKind.OTHER);
    }

    static AyaVisionProjector load(WeightLoader parameters, String name, AyaVisionConfig config) {
        long width = config.shuffledWidth();
        long alignment = config.alignmentIntermediateSize();
        return new AyaVisionProjector(name, config.downsampleFactor(),
                LayerNormLayer.load(parameters, name + ".layernorm", width, config.adapterLayerNormEps()),
                parameters.loadLinear(name + ".linear_1", width, alignment, true),
                parameters.loadLinear(name + ".linear_2", alignment / 2, config.text().hiddenSize(), true),
                alignment / 2);
    }

    /** Projects {@code features [n, g·g, V]} (patches in raster order) to {@code [n, g/f, g/f, D]}. */
    NDArray forward(NDArray features, ForwardHooks hooks) {
        hooks.onInput(name, features);
        NDArray shuffled = PixelShuffle.apply(features, factor, false); // [n, g/f, g/f, f²·V]
        NDArray hidden = linear1.forward(layernorm.forward(shuffled, hooks), hooks); // [n, g/f, g/f, A]
        NDArray value = hidden.get(new NDIndex("..., :{}", half)); // [n, g/f, g/f, A/2]
        NDArray gate = HiddenActivation.SILU.forward(name + ".act", hidden.get(new NDIndex("..., {}:", half)), hooks);
        NDArray y = linear2.forward(gate.mul(value), hooks); // [n, g/f, g/f, D]
        hooks.onOutput(name, y);
        return y;
    }
}
