/** Pooling of sequence and vision tensors; use {@link org.lens4j.core.pool.Pooler} instead. */
package org.lens4j.core.pool.internal;
