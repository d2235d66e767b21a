/**
 * The CLIP family: {@link org.lens4j.models.clip.ClipAdapter} and the configuration records of its
 * two towers.
 */
package org.lens4j.models.clip;
