/**
 * The LLaVA-1.5 family: {@link org.lens4j.models.llava.LlavaAdapter} and
 * {@link org.lens4j.models.llava.LlavaConfig}, which LLaVA-NeXT extends.
 */
package org.lens4j.models.llava;
