/**
 * The module tree of a model, with transformers-style dotted names, and pattern selection over it
 * (exact names, {@code *} and {@code **} globs, {@code re:} regular expressions, layout aliases).
 */
package org.lens4j.core.module;
