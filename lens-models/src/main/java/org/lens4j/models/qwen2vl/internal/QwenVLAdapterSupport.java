package org.lens4j.models.qwen2vl.internal;

import java.util.Objects;
import org.lens4j.models.ModelConfig;

/** Configuration checks shared by the Qwen2-VL and Qwen2.5-VL adapters. */
public final class QwenVLAdapterSupport {

    private QwenVLAdapterSupport() {
    }

    /**
     * Returns whether {@code config} names {@code variant} by {@code model_type}, or by
     * {@code architectures} when the type is absent.
     */
    public static boolean accepts(ModelConfig config, QwenVLConfig.Variant variant) {
        Objects.requireNonNull(config, "config");
        try {
            return QwenVLConfig.variantOf(config) == variant;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Checks that {@code config} belongs to {@code variant}.
     *
     * @throws IllegalArgumentException naming the adapter, the expected and the found type
     */
    public static void requireVariant(ModelConfig config, QwenVLConfig.Variant variant) {
        if (!accepts(config, variant)) {
            throw new IllegalArgumentException(config.source() + " has model_type '"
                    + config.modelType().orElse("<none>") + "' but the " + variant.modelType()
                    + " adapter needs '" + variant.modelType() + "'");
        }
    }
}
