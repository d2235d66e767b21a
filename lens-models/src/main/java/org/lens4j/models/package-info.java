/**
 * The {@link org.lens4j.models.ModelAdapter} service-provider interface, the adapter registry,
 * and the fluent entry point {@code Lens}. Each model family lives in a sub-package of its own.
 */
package org.lens4j.models;
