package org.lens4j.core.store;

/**
 * Counters of one {@link FeatureWriter}.
 *
 * @param added rows passed to {@code add}
 * @param inserted rows written to the database
 * @param skipped rows not written because a row with the same model and key already existed or
 *     was already pending in this writer
 * @param pending rows added but not yet committed
 * @param commits transactions committed on the writer's connection, counted by SQLite's commit
 *     hook; includes the one that records the run in the {@code runs} table
 */
public record WriteStats(long added, long inserted, long skipped, long pending, long commits) {
}
