package org.lens4j.core.store;

/**
 * Pragma values read back from a store's connection.
 *
 * @param journalMode the {@code journal_mode} pragma, "wal" for a writable store
 * @param busyTimeoutMillis the {@code busy_timeout} pragma, in milliseconds
 * @param synchronous the {@code synchronous} pragma: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA
 */
public record ConnectionSettings(String journalMode, int busyTimeoutMillis, int synchronous) {
}
