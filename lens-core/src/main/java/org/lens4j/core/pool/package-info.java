/**
 * Pooling of captured tensors over tokens or image patches ({@code none, mean, max, first, last}
 * over {@code all, image, text} positions), run on the device before the copy into ND4J.
 */
package org.lens4j.core.pool;
