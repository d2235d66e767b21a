/**
 * Building blocks shared by the model families: linear layers, LayerNorm and RMSNorm,
 * activations, rotary position helpers, scaled dot-product attention with masks and grouped
 * key/value heads, the gated (SwiGLU) MLP, and the sources weights are loaded from.
 *
 * <p>Every block works on DJL {@link ai.djl.ndarray.NDArray}s in float32 and carries its dotted
 * module name, so it can report its output to {@link org.lens4j.core.capture.ForwardHooks}.
 * Results are created in the manager of the activation passed in, never in the manager that owns
 * the weights; wrap each step in {@link org.lens4j.models.blocks.Scopes#step} so intermediates
 * are closed when the step ends.
 */
package org.lens4j.models.blocks;
