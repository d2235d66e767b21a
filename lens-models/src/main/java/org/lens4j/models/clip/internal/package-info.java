/** The CLIP text tower and the CLIP model's forward pass. Not API. */
package org.lens4j.models.clip.internal;
