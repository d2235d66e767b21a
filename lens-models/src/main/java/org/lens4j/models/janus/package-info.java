/**
 * The Janus family's image-understanding path ({@code JanusForConditionalGeneration}, for example
 * {@code deepseek-community/Janus-Pro-1B}): a SigLIP-style vision encoder, a two-layer aligner and
 * a Llama-architecture decoder. The VQ model and the generation modules are listed but never run.
 */
package org.lens4j.models.janus;
