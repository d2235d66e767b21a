/**
 * Implementation of the feature store: the npy and torch blob codecs (with a minimal pickle
 * writer and reader and an in-memory zip container), SQLite connection set-up and busy retries,
 * the schema, and the read queries. Not API.
 */
package org.lens4j.core.store.internal;
