/**
 * The LLaVA-NeXT family: {@link org.lens4j.models.llavanext.LlavaNextAdapter}, its configuration,
 * and the AnyRes geometry ({@link org.lens4j.models.llavanext.AnyResolution}) an image processor
 * shares with the model.
 */
package org.lens4j.models.llavanext;
