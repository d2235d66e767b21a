package org.lens4j.core.capture;

import ai.djl.ndarray.NDArray;

/** A callback that receives one module's input or output tensor during a forward pass. */
@FunctionalInterface
public interface TensorHook {

    /**
     * Receives a tensor.
     *
     * @param module the module's canonical name
     * @param callIndex how many times this module had reported the same event (input or output)
     *     earlier in this forward pass: 0 for its first call
     * @param tensor the tensor; it belongs to the model, so keep only a duplicate of it
     */
    void accept(String module, int callIndex, NDArray tensor);
}
