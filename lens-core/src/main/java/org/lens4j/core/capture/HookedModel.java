package org.lens4j.core.capture;

import org.lens4j.core.module.ModuleTree;

/**
 * A loaded model whose forward pass reports every named module to {@link ForwardHooks}.
 *
 * <p>Implementations own native memory and are closed with {@link #close()}; close is idempotent
 * and any other call after close throws {@link IllegalStateException}. A forward pass is
 * stateless: the same inputs twice give identical hook calls.
 */
public interface HookedModel extends AutoCloseable {

    /** Returns the stable family id, for example {@code "qwen2_vl"}. */
    String familyId();

    /** Returns a description of the loaded weights (folder name, or "random weights, seed 7"). */
    String modelId();

    /** Returns the module tree. */
    ModuleTree modules();

    /**
     * Runs one forward pass.
     *
     * @param inputs processor outputs by their Hugging Face names ({@code input_ids},
     *     {@code attention_mask}, {@code pixel_values}, {@code image_grid_thw}, ...)
     * @param hooks the hooks to call at each module
     * @return the mask, token types and image row ranges of this pass
     * @throws IllegalArgumentException when a required input is missing or has the wrong shape
     */
    SequenceInfo forward(ModelInputs inputs, ForwardHooks hooks);

    /** Releases the model's native memory; idempotent. */
    @Override
    void close();
}
