/**
 * Qwen2-VL and Qwen2.5-VL: the model adapters ({@code qwen2_vl}, {@code qwen2_5_vl}), factories
 * for loading a checkpoint or building a randomly initialised model, and the input processor.
 */
package org.lens4j.models.qwen2vl;
