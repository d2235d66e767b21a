/**
 * Implementation of the safetensors reader: header parsing and validation, windowed memory
 * mapping, shard index resolution and element conversions. Not API: use
 * {@link org.lens4j.core.checkpoint.SafetensorsCheckpoint}.
 */
package org.lens4j.core.checkpoint.internal;
