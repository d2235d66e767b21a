/**
 * InternVL: the transformers-native layout ({@link org.lens4j.models.internvl.InternVLAdapter}) and
 * the original remote-code layout with a Qwen2 language model
 * ({@link org.lens4j.models.internvl.InternVLChatAdapter}), which share the InternViT tower with
 * layer scale, pixel shuffle and the LayerNorm-MLP projector.
 */
package org.lens4j.models.internvl;
