package org.lens4j.core.store;

import java.util.Objects;

/**
 * One (module, pooling) pair present in a store.
 *
 * @param layer the module name
 * @param pooling the pooling name, null only for rows written without one, such as VLM-Lens rows
 *     with a NULL {@code pooling_method}
 */
public record LayerPooling(String layer, String pooling) {

    /** Checks that the layer is present. */
    public LayerPooling {
        Objects.requireNonNull(layer, "layer");
    }

    @Override
    public String toString() {
        return layer + " [" + pooling + "]";
    }
}
