package org.lens4j.models.pixtral.internal;

import ai.djl.ndarray.NDArray;
import java.util.function.UnaryOperator;
import org.lens4j.core.capture.ForwardHooks;

/**
 * Reports module inputs and outputs to the hooks in the shape the layout's reference code has.
 *
 * <p>The blocks compute on {@code [batch, rows, width]}. mistral_inference runs its vision encoder
 * on one packed {@code [rows, width]} sequence, so a packing reporter drops the leading batch
 * dimension (always 1 there) from what it reports. A {@code null} name is a step that is no module
 * in the layout: it runs without reports.
 */
final class Reporter {

    private final ForwardHooks hooks;
    private final boolean packs;

    private Reporter(ForwardHooks hooks, boolean packs) {
        this.hooks = hooks;
        this.packs = packs;
    }

    /** Returns a reporter that passes tensors as they are. */
    static Reporter direct(ForwardHooks hooks) {
        return new Reporter(hooks, false);
    }

    /** Returns a reporter that drops the leading dimension of size 1. */
    static Reporter packed(ForwardHooks hooks) {
        return new Reporter(hooks, true);
    }

    /** Runs {@code module} on {@code input}, reporting both under {@code name} unless it is {@code null}. */
    NDArray call(String name, NDArray input, UnaryOperator<NDArray> module) {
        input(name, input);
        return output(name, module.apply(input));
    }

    /** Reports the first tensor argument of {@code name}. */
    void input(String name, NDArray input) {
        if (name != null) {
            hooks.onInput(name, shaped(input));
        }
    }

    /** Reports the output of {@code name} and returns it. */
    NDArray output(String name, NDArray output) {
        if (name != null) {
            hooks.onOutput(name, shaped(output));
        }
        return output;
    }

    private NDArray shaped(NDArray x) {
        return packs && x.getShape().dimension() == 3 ? x.squeeze(0) : x;
    }
}
