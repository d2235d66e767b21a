package org.lens4j.core.store;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link FeatureStore}: how long to wait for a lock, how many rows to commit per
 * transaction, and which blob codec writers use. Immutable: derive variants with the
 * {@code with...} methods, which check their argument at once.
 *
 * <pre>{@code
 * StoreOptions options = StoreOptions.defaults().withBatchSize(512).withCodec(TensorCodec.TORCH);
 * }</pre>
 */
public final class StoreOptions {

    /** Default rows per transaction. */
    public static final int DEFAULT_BATCH_SIZE = 256;

    /** Default wait for a database lock before SQLite reports it busy. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(30);

    /** Default number of times a batch is retried after SQLite still reports it busy. */
    public static final int DEFAULT_BUSY_RETRIES = 5;

    private static final StoreOptions DEFAULTS = new StoreOptions(DEFAULT_BUSY_TIMEOUT,
            DEFAULT_BATCH_SIZE, TensorCodec.NPY, DEFAULT_BUSY_RETRIES);

    private final Duration busyTimeout;
    private final int batchSize;
    private final TensorCodec codec;
    private final int busyRetries;

    private StoreOptions(Duration busyTimeout, int batchSize, TensorCodec codec,
            int busyRetries) {
        this.busyTimeout = busyTimeout;
        this.batchSize = batchSize;
        this.codec = codec;
        this.busyRetries = busyRetries;
    }

    /** Returns the defaults: 30 s busy timeout, 256 rows per batch, npy blobs, 5 retries. */
    public static StoreOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a copy with another busy timeout, set with {@code PRAGMA busy_timeout}.
     *
     * @throws IllegalArgumentException if negative or above {@link Integer#MAX_VALUE} ms
     */
    public StoreOptions withBusyTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Busy timeout " + timeout
                    + " is out of range; use 0 to " + Integer.MAX_VALUE + " ms");
        }
        return new StoreOptions(timeout, batchSize, codec, busyRetries);
    }

    /**
     * Returns a copy with another batch size: rows buffered and committed in one transaction.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public StoreOptions withBatchSize(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("Batch size is " + rows + "; it must be 1 or more");
        }
        return new StoreOptions(busyTimeout, rows, codec, busyRetries);
    }

    /** Returns a copy whose writers encode blobs with {@code blobCodec}. */
    public StoreOptions withCodec(TensorCodec blobCodec) {
        Objects.requireNonNull(blobCodec, "blobCodec");
        return new StoreOptions(busyTimeout, batchSize, blobCodec, busyRetries);
    }

    /**
     * Returns a copy with another retry count for statements SQLite still reports busy after the
     * busy timeout.
     *
     * @throws IllegalArgumentException if negative
     */
    public StoreOptions withBusyRetries(int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("Busy retries is " + retries
                    + "; it must be 0 or more");
        }
        return new StoreOptions(busyTimeout, batchSize, codec, retries);
    }

    /** Returns the busy timeout. */
    public Duration busyTimeout() {
        return busyTimeout;
    }

    /** Returns the rows per transaction. */
    public int batchSize() {
        return batchSize;
    }

    /** Returns the blob codec writers use. */
    public TensorCodec codec() {
        return codec;
    }

    /** Returns the retry count after a busy error. */
    public int busyRetries() {
        return busyRetries;
    }

    @Override
    public String toString() {
        return "StoreOptions[busyTimeout=" + busyTimeout + ", batchSize=" + batchSize
                + ", codec=" + codec.columnValue() + ", busyRetries=" + busyRetries + "]";
    }
}
