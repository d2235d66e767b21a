/**
 * Safetensors checkpoints: a strict, memory-mapped reader
 * ({@link org.lens4j.core.checkpoint.SafetensorsCheckpoint}, single files and sharded folders with
 * {@code model.safetensors.index.json}), a writer
 * ({@link org.lens4j.core.checkpoint.SafetensorsWriter}), exact BF16/F16 widening, and tied-weight
 * resolution ({@link org.lens4j.core.checkpoint.TiedWeights}).
 */
package org.lens4j.core.checkpoint;
