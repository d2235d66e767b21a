package org.lens4j.models.siglip.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.Locale;
import org.lens4j.core.capture.ForwardHooks;

/** The activations these families name in {@code hidden_act}, with transformers' class names. */
public enum HiddenActivation {
    /** Exact GELU, {@code x·Φ(x)}. */
    GELU("GELUActivation"),
    /** GELU with the tanh approximation, as {@code gelu_pytorch_tanh}. */
    GELU_TANH("PytorchGELUTanh"),
    /** SiLU, {@code x·σ(x)}. */
    SILU("SiLU");

    private static final float SQRT_TWO_OVER_PI = (float) Math.sqrt(2.0 / Math.PI);
    private static final float CUBIC = 0.044715f;

    private final String moduleType;

    HiddenActivation(String moduleType) {
        this.moduleType = moduleType;
    }

    /**
     * Returns the activation a {@code hidden_act} value names.
     *
     * @throws IllegalArgumentException naming the value and the supported ones
     */
    public static HiddenActivation fromConfig(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "gelu" -> GELU;
            case "gelu_pytorch_tanh", "gelu_new", "gelu_fast" -> GELU_TANH;
            case "silu", "swish" -> SILU;
            default -> throw new IllegalArgumentException("unsupported " + key + " '" + value
                    + "'; supported: gelu, gelu_pytorch_tanh, gelu_new, gelu_fast, silu, swish");
        };
    }

    /** Returns the transformers class name of the activation module. */
    public String moduleType() {
        return moduleType;
    }

    /** Applies the activation, reporting input and output under {@code name}. */
    public NDArray forward(String name, NDArray x, ForwardHooks hooks) {
        hooks.onInput(name, x);
        NDArray y = apply(x);
        hooks.onOutput(name, y);
        return y;
    }

    /** Applies the activation. */
    public NDArray apply(NDArray x) {
        return switch (this) {
            case GELU -> Activation.gelu(x);
            case GELU_TANH -> geluTanh(x);
            case SILU -> x.mul(Activation.sigmoid(x));
        };
    }

    private static NDArray geluTanh(NDArray x) {
        // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
        NDArray inner = x.mul(x).muli(x).muli(CUBIC).addi(x).muli(SQRT_TWO_OVER_PI);
        return inner.tanh().addi(1f).muli(x).muli(0.5f);
    }
}
