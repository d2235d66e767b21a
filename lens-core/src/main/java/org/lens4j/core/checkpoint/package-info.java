/**
 * Safetensors checkpoints: a strict, memory-mapped reader (single files and sharded folders with
 * {@code model.safetensors.index.json}), a writer, dtype widening and tied-weight resolution.
 */
package org.lens4j.core.checkpoint;
