package org.lens4j.models.vit.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.Locale;

/**
 * The activation functions of transformers' {@code ACT2FN} table that these families use, with the
 * class name transformers registers for each.
 */
public enum HiddenAct {
    /** {@code x · σ(1.702 x)}. */
    QUICK_GELU("quick_gelu", "QuickGELUActivation"),
    /** Exact GELU, {@code x · Φ(x)} with the error function. */
    GELU("gelu", "GELUActivation"),
    /** GELU with the tanh approximation. */
    GELU_TANH("gelu_pytorch_tanh", "PytorchGELUTanh"),
    /** The tanh approximation under its older name. */
    GELU_NEW("gelu_new", "NewGELUActivation"),
    /** {@code x · σ(x)}. */
    SILU("silu", "SiLU"),
    /** {@code max(x, 0)}. */
    RELU("relu", "ReLU");

    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);

    private final String configName;
    private final String typeName;

    HiddenAct(String configName, String typeName) {
        this.configName = configName;
        this.typeName = typeName;
    }

    /**
     * Looks up the activation a config names ({@code hidden_act}, {@code projector_hidden_act}).
     *
     * @throws IllegalArgumentException naming the value and the supported names
     */
    public static HiddenAct fromConfig(String key, String value) {
        String normalized = value.toLowerCase(Locale.ROOT);
        if ("swish".equals(normalized)) {
            return SILU;
        }
        for (HiddenAct act : values()) {
            if (act.configName.equals(normalized)) {
                return act;
            }
        }
        throw new IllegalArgumentException("unsupported activation " + key + "='" + value
                + "'; supported: quick_gelu, gelu, gelu_pytorch_tanh, gelu_new, silu, swish, relu");
    }

    /** Returns the transformers class name of this activation module. */
    public String typeName() {
        return typeName;
    }

    /** Applies the activation elementwise; the result lives in {@code x}'s manager. */
    public NDArray apply(NDArray x) {
        switch (this) {
            case QUICK_GELU:
                return x.mul(Activation.sigmoid(x.mul(1.702f)));
            case GELU:
                return x.mul(x.mul((float) INV_SQRT_2).erf().add(1f)).mul(0.5f);
            case GELU_TANH:
            case GELU_NEW:
                NDArray inner = x.add(x.mul(x).mul(x).mul(0.044715f)).mul((float) SQRT_2_OVER_PI);
                return x.mul(inner.tanh().add(1f)).mul(0.5f);
            case SILU:
                return x.mul(Activation.sigmoid(x));
            case RELU:
                return Activation.relu(x);
            default:
                throw new IllegalStateException("unhandled activation " + this);
        }
    }
}
