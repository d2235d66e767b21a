package org.lens4j.core.capture;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Named input tensors of one forward pass, as a Hugging Face processor names them.
 *
 * <p>The arrays stay owned by the manager that created them; this class neither copies nor closes
 * them.
 */
public final class ModelInputs {

    /** Token ids, int64 {@code [batch, seq]}. */
    public static final String INPUT_IDS = "input_ids";
    /** Attention mask, int64 {@code [batch, seq]}. */
    public static final String ATTENTION_MASK = "attention_mask";
    /** Pixel values, float32, family-specific layout. */
    public static final String PIXEL_VALUES = "pixel_values";

    private final Map<String, NDArray> tensors;

    private ModelInputs(Map<String, NDArray> tensors) {
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /** Wraps the given tensors (the map is copied, the arrays are not). */
    public static ModelInputs of(Map<String, NDArray> tensors) {
        return new ModelInputs(tensors);
    }

    /** Returns the input names. */
    public Set<String> names() {
        return tensors.keySet();
    }

    /** Returns the named tensor, if present. */
    public Optional<NDArray> find(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    /**
     * Returns the named tensor.
     *
     * @throws IllegalArgumentException naming the input and the inputs present when it is missing
     */
    public NDArray require(String name) {
        NDArray array = tensors.get(name);
        if (array == null) {
            throw new IllegalArgumentException(
                    "missing model input '" + name + "'; inputs present: " + tensors.keySet());
        }
        return array;
    }
}
