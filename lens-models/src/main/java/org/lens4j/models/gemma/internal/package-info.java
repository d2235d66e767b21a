/** The layers of the Gemma and Llama-architecture decoders. Not API. */
package org.lens4j.models.gemma.internal;
