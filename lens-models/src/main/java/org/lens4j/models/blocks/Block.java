package org.lens4j.models.blocks;

import ai.djl.ndarray.NDArray;
import org.lens4j.core.capture.ForwardHooks;

/** A named module with one tensor input and one tensor output that reports both to hooks. */
public interface Block {

    /** Returns the dotted module name. */
    String name();

    /** Runs the module on {@code x}, reporting input and output (and those of its children). */
    NDArray forward(NDArray x, ForwardHooks hooks);
}
