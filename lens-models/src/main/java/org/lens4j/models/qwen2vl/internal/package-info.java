/**
 * The Qwen2-VL and Qwen2.5-VL forward pass: vision tower (patch embedding, 2D rotary embedding,
 * block-diagonal or windowed attention, patch merger), the Qwen2 decoder with multimodal rotary
 * positions, and the module listing. Not API: use {@link org.lens4j.models.qwen2vl}.
 */
package org.lens4j.models.qwen2vl.internal;
