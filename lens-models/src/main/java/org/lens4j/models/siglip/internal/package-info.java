/**
 * Building blocks shared by the SigLIP, Gemma, PaliGemma and Janus packages: activations and the
 * attention core. Not API: signatures may change without notice.
 */
package org.lens4j.models.siglip.internal;
