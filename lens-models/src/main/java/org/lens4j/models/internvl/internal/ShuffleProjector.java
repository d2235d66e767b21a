package org.lens4j.models.internvl.internal;

import ai.djl.ndarray.NDArray;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.internal.LayerNormLayer;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.vit.internal.ActivationLayer;
import org.lens4j.models.vit.internal.HiddenAct;

/**
 * The InternVL projector on pixel-shuffled features: {@code linear_2(act(linear_1(LayerNorm(x))))},
 * all with biases; the LayerNorm keeps PyTorch's default epsilon 1e-5. The transformers-native
 * layout names the parts {@code layer_norm}, {@code linear_1}, {@code act}, {@code linear_2}; the
 * remote-code {@code mlp1} sequence names them 0 to 3.
 *
 * <pre>
 * n tiles   T tokens per tile   V shuffled vision width   D text hidden
 * </pre>
 */
final class ShuffleProjector {

    /** Epsilon of the projector's LayerNorm: PyTorch's {@code nn.LayerNorm} default, which both layouts keep. */
    static final double LAYER_NORM_EPS = 1e-5;

    /**
     * The module names of one layout.
     *
     * @param root the projector
     * @param typeName the projector's class name
     * @param norm the LayerNorm's name below {@code root}
     * @param linear1 the first linear layer's name below {@code root}
     * @param act the activation's name below {@code root}
     * @param linear2 the second linear layer's name below {@code root}
     * @param actTypeName the activation's class name
     */
    record Names(String root, String typeName, String norm, String linear1, String act, String linear2,
            String actTypeName) {

        String child(String part) {
            return root + "." + part;
        }
    }

    private final Names names;
    private final LayerNormLayer norm;
    private final Linear linear1;
    private final ActivationLayer act;
    private final Linear linear2;

    private ShuffleProjector(Names names, LayerNormLayer norm, Linear linear1, ActivationLayer act,
            Linear linear2) {
        this.names = names;
        this.norm = norm;
        this.linear1 = linear1;
        this.act = act;
        this.linear2 = linear2;
    }

    static void list(ModuleListing out, Names names) {
        out.add(names.root(), names.typeName(), ModuleKind.VISION);
        out.add(names.child(names.norm()), "LayerNorm", ModuleKind.VISION);
        out.add(names.child(names.linear1()), "Linear", ModuleKind.VISION);
        out.add(names.child(names.act()), names.actTypeName(), ModuleKind.VISION);
        out.add(names.child(names.linear2()), "Linear", ModuleKind.VISION);
    }

    static ShuffleProjector load(WeightLoader weights, Names names, long inputWidth, long textHidden,
            HiddenAct activation) {
        return new ShuffleProjector(names,
                LayerNormLayer.load(weights, names.child(names.norm()), inputWidth, LAYER_NORM_EPS),
                weights.loadLinear(names.child(names.linear1()), inputWidth, textHidden, true),
                new ActivationLayer(names.child(names.act()), activation),
                weights.loadLinear(names.child(names.linear2()), textHidden, textHidden, true));
    }

    /** Projects {@code features [n, T, V]} to {@code [n, T, D]}. */
    NDArray forward(NDArray features, ForwardHooks hooks) {
        hooks.onInput(names.root(), features);
        NDArray hidden = norm.forward(features, hooks); // [n, T, V]
        hidden = linear1.forward(hidden, hooks); // [n, T, D]
        hidden = act.forward(hidden, hooks);
        NDArray y = linear2.forward(hidden, hooks); // [n, T, D]
        hooks.onOutput(names.root(), y);
        return y;
    }
}
