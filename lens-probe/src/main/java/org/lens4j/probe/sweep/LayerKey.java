package org.lens4j.probe.sweep;

import java.util.Objects;

/**
 * One (module, pooling) pair of a sweep.
 *
 * @param module the Hugging Face {@code named_modules()} path, such as
 *     {@code "visual.blocks.31.norm2"}
 * @param pooling the pooling the features were reduced with, such as {@code "mean"}
 */
public record LayerKey(String module, String pooling) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if the module is blank
     */
    public LayerKey {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(pooling, "pooling");
        if (module.isBlank()) {
            throw new IllegalArgumentException("module must not be blank; pass a module path such"
                    + " as \"model.layers.14.post_attention_layernorm\"");
        }
    }

    /** Returns {@code "module [pooling]"}. */
    @Override
    public String toString() {
        return module + " [" + pooling + "]";
    }
}
