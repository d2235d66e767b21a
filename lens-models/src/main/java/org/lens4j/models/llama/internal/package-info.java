/** The parts of the Llama-style decoder: RMSNorm, rotary embeddings, attention, MLP, layers. Not API. */
package org.lens4j.models.llama.internal;
