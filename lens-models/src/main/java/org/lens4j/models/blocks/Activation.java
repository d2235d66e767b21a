package org.lens4j.models.blocks;

import ai.djl.ndarray.NDArray;
import java.util.Locale;

/**
 * The element-wise activations of the supported families, by their transformers
 * {@code hidden_act} names.
 */
public enum Activation {
    /** {@code x · sigmoid(x)} ({@code silu}, {@code swish}). */
    SILU("SiLU"),
    /** {@code x · Φ(x)} with the exact normal CDF ({@code gelu}). */
    GELU("GELUActivation"),
    /** The tanh approximation of GELU ({@code gelu_pytorch_tanh}, {@code gelu_new}). */
    GELU_TANH("PytorchGELUTanh"),
    /** {@code x · sigmoid(1.702 x)} ({@code quick_gelu}). */
    QUICK_GELU("QuickGELUActivation"),
    /** {@code max(x, 0)} ({@code relu}). */
    RELU("ReLU");

    private static final float SQRT_HALF = (float) Math.sqrt(0.5);
    private static final float SQRT_TWO_OVER_PI = (float) Math.sqrt(2.0 / Math.PI);

    private final String referenceType;

    Activation(String referenceType) {
        this.referenceType = referenceType;
    }

    /**
     * Returns the activation for a transformers {@code hidden_act} value.
     *
     * @throws IllegalArgumentException naming the value and the supported names
     */
    public static Activation fromHiddenAct(String hiddenAct) {
        return switch (hiddenAct.toLowerCase(Locale.ROOT)) {
            case "silu", "swish" -> SILU;
            case "gelu" -> GELU;
            case "gelu_pytorch_tanh", "gelu_new", "gelu_fast" -> GELU_TANH;
            case "quick_gelu" -> QUICK_GELU;
            case "relu" -> RELU;
            default -> throw new IllegalArgumentException("unsupported hidden_act '" + hiddenAct
                    + "'; supported: silu, swish, gelu, gelu_pytorch_tanh, gelu_new, gelu_fast, quick_gelu, relu");
        };
    }

    /** Returns the class name transformers uses for this activation module (for module listings). */
    public String referenceType() {
        return referenceType;
    }

    /** Applies the activation; the result is a new array in the manager of {@code x}. */
    public NDArray apply(NDArray x) {
        return switch (this) {
            case SILU -> x.mul(x.getNDArrayInternal().sigmoid());
            case GELU -> x.mul(SQRT_HALF).erf().addi(1f).muli(x).muli(0.5f);
            case GELU_TANH -> geluTanh(x);
            case QUICK_GELU -> x.mul(x.mul(1.702f).getNDArrayInternal().sigmoid());
            case RELU -> x.maximum(0f);
        };
    }

    private static NDArray geluTanh(NDArray x) {
        NDArray inner = x.mul(x).muli(x).muli(0.044715f).addi(x).muli(SQRT_TWO_OVER_PI);
        return inner.tanh().addi(1f).muli(x).muli(0.5f);
    }
}
