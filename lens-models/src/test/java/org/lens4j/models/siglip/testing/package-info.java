/** Test helpers shared by the SigLIP-based families: golden cases and parity assertions. */
package org.lens4j.models.siglip.testing;
