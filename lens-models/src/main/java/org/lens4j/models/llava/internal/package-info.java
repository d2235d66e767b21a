/**
 * The LLaVA forward pass shared with LLaVA-NeXT: the vision tower and feature selection, the
 * projector, merging image features into the token embeddings, and the module layout with its
 * transformers ≥ 4.52 aliases. Not API.
 */
package org.lens4j.models.llava.internal;
