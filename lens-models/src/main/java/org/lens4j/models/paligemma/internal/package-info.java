/** The PaliGemma module layout and forward pass. Not API. */
package org.lens4j.models.paligemma.internal;
