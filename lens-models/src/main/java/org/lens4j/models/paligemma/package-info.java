/**
 * The PaliGemma family ({@code PaliGemmaForConditionalGeneration}, for example
 * {@code google/paligemma-3b-mix-224}): a SigLIP vision tower, a linear projector and a Gemma
 * decoder that attends bidirectionally over the image and prompt prefix.
 */
package org.lens4j.models.paligemma;
