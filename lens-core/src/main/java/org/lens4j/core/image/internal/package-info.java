/**
 * Internals of image handling: Pillow-compatible convolution resampling, raster conversion,
 * EXIF parsing and preprocessor-config reading. Not API.
 */
package org.lens4j.core.image.internal;
