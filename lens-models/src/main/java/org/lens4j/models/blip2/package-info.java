/**
 * BLIP-2 with an OPT language model ({@code Blip2ForConditionalGeneration}): the model adapter
 * {@code blip2}. Module names are those of transformers 4.47, which later versions keep.
 */
package org.lens4j.models.blip2;
