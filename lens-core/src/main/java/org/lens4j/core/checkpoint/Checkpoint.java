package org.lens4j.core.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Set;

/**
 * Read access to the tensors of one checkpoint: a single safetensors file, or a folder holding
 * {@code model.safetensors} or shards listed in {@code model.safetensors.index.json}.
 *
 * <p>Open one with {@code SafetensorsCheckpoint.open(path)}. Files are memory-mapped and stay
 * mapped until {@link #close()}.
 */
public interface Checkpoint extends AutoCloseable {

    /** Returns every tensor name, sorted. */
    Set<String> names();

    /** Returns whether the checkpoint holds a tensor of that name. */
    boolean contains(String name);

    /**
     * Returns the dtype, shape and location of a tensor.
     *
     * @throws IllegalArgumentException naming the tensor and its closest names when it is absent
     */
    TensorInfo info(String name);

    /**
     * Reads a tensor as float32 values in row-major order; F16 and BF16 are widened exactly,
     * F64 and integer types converted.
     */
    float[] readFloats(String name);

    /** Reads an integer or boolean tensor as int64 values in row-major order. */
    long[] readLongs(String name);

    /**
     * Loads a tensor into {@code manager}: floating-point tensors as float32, integer tensors as
     * int64, booleans as boolean. BF16 and F16 are widened in Java and never handed to DJL. The
     * caller owns the returned array through its manager.
     */
    NDArray load(NDManager manager, String name);

    /** Unmaps the files; idempotent. */
    @Override
    void close();
}
