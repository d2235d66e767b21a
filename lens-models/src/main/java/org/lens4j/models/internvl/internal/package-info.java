/**
 * The InternVL forward passes of both layouts: the InternViT tower (transformers-native and
 * remote-code spellings), position-table resizing, pixel shuffle, the projector, merging image
 * features into the token embeddings, and the module listings. Not API.
 */
package org.lens4j.models.internvl.internal;
