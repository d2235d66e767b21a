/** The LLaVA-NeXT forward pass: AnyRes tiles through the vision tower, then unpadding and packing. Not API. */
package org.lens4j.models.llavanext.internal;
