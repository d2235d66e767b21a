package org.lens4j.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The origin of a model's parameters: a checkpoint ({@link CheckpointWeights}) or a seeded
 * random initialisation ({@link RandomWeights}).
 */
public interface WeightSource {

    /**
     * Loads one parameter as a float32 array owned by {@code manager}.
     *
     * @param name the parameter name as the checkpoint spells it, for example
     *     {@code model.layers.0.self_attn.q_proj.weight}
     * @param shape the shape the model expects
     * @param init how a random source fills it
     * @throws IllegalArgumentException naming the parameter when it is missing or its stored shape
     *     differs from {@code shape} (both shapes in the message)
     */
    NDArray load(NDManager manager, String name, Shape shape, WeightInit init);

    /** Returns whether the parameter exists (a random source has every parameter). */
    boolean contains(String name);

    /** Describes the source for log messages and {@code HookedModel.modelId()}. */
    String description();
}
