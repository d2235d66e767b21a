package org.lens4j.core.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.lens4j.core.store.internal.DTypes;
import org.lens4j.core.store.internal.FeatureQueries;
import org.lens4j.core.store.internal.Schema;
import org.lens4j.core.store.internal.Shapes;
import org.lens4j.core.store.internal.Sqlite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;

/**
 * Writes rows of one run into a {@link FeatureStore} in batched transactions.
 *
 * <p>{@link #add} encodes the row's tensor at once into a new byte array and buffers it. When
 * the buffer contains {@link StoreOptions#batchSize()} rows, they are inserted in one
 * {@code BEGIN IMMEDIATE ... COMMIT} transaction. A row whose model and {@link FeatureKey} are
 * already stored is skipped ({@code INSERT OR IGNORE} on a unique index), so re-running an
 * interrupted run writes only what is missing. A crash loses the buffered rows and the open
 * transaction, which together are at most one batch, and keeps the committed batches.
 *
 * <p>Each writer has its own SQLite connection. Several writers, in threads or processes, may
 * write to one file: SQLite lets one write at a time, the others wait up to the busy timeout and
 * a batch still reported busy is retried. One writer's methods are synchronized, but rows from
 * several threads are better given to several writers.
 *
 * <pre>{@code
 * try (FeatureStore store = FeatureStore.open(Path.of("run.db"));
 *         FeatureWriter writer = store.writer(RunInfo.of("Qwen/Qwen2-VL-2B-Instruct", "qwen2-vl"))) {
 *     if (!writer.contains(key)) {
 *         writer.add(FeatureRow.of(key, "defect", pooled, 1, 1536));
 *     }
 * }
 * }</pre>
 */
public final class FeatureWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureWriter.class);

    private static final String INSERT = "INSERT OR IGNORE INTO tensors (name, architecture,"
            + " timestamp, image_path, image_id, prompt, label, layer, pooling_method, tensor_dim,"
            + " tensor, dtype, shape, codec, call_index, model_revision, run_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String INSERT_RUN = "INSERT OR IGNORE INTO runs (run_id, model_id,"
            + " architecture, model_revision, library_version, seed, codec, started_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final FeatureStore store;
    private final Connection connection;
    private final PreparedStatement insert;
    private final FeatureQueries queries;
    private final RunInfo run;
    private final StoreOptions options;
    private final Path file;
    private final AtomicLong commits;
    private final List<PendingRow> pending = new ArrayList<>();
    private final Set<FeatureKey> pendingKeys = new HashSet<>();
    private long added;
    private long inserted;
    private long skipped;
    private boolean closed;

    private FeatureWriter(FeatureStore store, Connection connection, RunInfo run,
            AtomicLong commits) throws SQLException {
        this.store = store;
        this.connection = connection;
        this.run = run;
        this.options = store.options();
        this.file = store.path();
        this.commits = commits;
        this.insert = connection.prepareStatement(INSERT);
        this.queries = new FeatureQueries(connection, Schema.tensorColumns(connection), file);
    }

    /** Opens a connection, counts its commits and records the run; called by the store. */
    static FeatureWriter open(FeatureStore store, RunInfo run) throws SQLException {
        Connection connection = Sqlite.open(store.path(), store.options(), false);
        try {
            AtomicLong commits = new AtomicLong();
            connection.unwrap(SQLiteConnection.class).addCommitListener(
                    new SQLiteCommitListener() {
                        @Override
                        public void onCommit() {
                            commits.incrementAndGet();
                        }

                        @Override
                        public void onRollback() {
                            // Rolled-back transactions are not counted.
                        }
                    });
            FeatureWriter writer = new FeatureWriter(store, connection, run, commits);
            Sqlite.retryWhenBusy(writer::recordRun, store.options().busyRetries(),
                    "recording run " + run.runId());
            LOG.debug("Opened a writer for run {} on {}", run.runId(), store.path());
            return writer;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Returns the run whose rows this writer adds. */
    public RunInfo run() {
        return run;
    }

    /**
     * Buffers a row, encoding its tensor with the store's codec, and commits the buffer when it
     * reaches the batch size. A row whose key is already buffered is skipped at once. A row whose
     * key is already stored for this model is skipped when the batch is inserted.
     *
     * @throws IllegalStateException if the writer is closed
     * @throws IllegalArgumentException if the codec cannot store the tensor's dtype
     * @throws FeatureStoreException if committing the batch fails
     */
    public synchronized void add(FeatureRow row) {
        ensureOpen();
        Objects.requireNonNull(row, "row");
        added++;
        if (!pendingKeys.add(row.key())) {
            skipped++;
            return;
        }
        try {
            pending.add(PendingRow.encode(row, options.codec()));
        } catch (RuntimeException e) {
            pendingKeys.remove(row.key());
            added--;
            throw e;
        }
        if (pending.size() >= options.batchSize()) {
            flush();
        }
    }

    /**
     * Returns whether a row with this key is buffered here or stored for this writer's model, so
     * an extractor can skip the forward pass that would produce it.
     *
     * @throws IllegalStateException if the writer is closed
     */
    public synchronized boolean contains(FeatureKey key) {
        ensureOpen();
        Objects.requireNonNull(key, "key");
        if (pendingKeys.contains(key)) {
            return true;
        }
        try {
            return Sqlite.retryWhenBusy(() -> queries.contains(run.modelId(), key),
                    options.busyRetries(), "looking up a row");
        } catch (SQLException e) {
            throw new FeatureStoreException("Failed to look up " + key + " in " + file, e);
        }
    }

    /**
     * Commits the buffered rows in one transaction. On failure the rows stay buffered, so calling
     * it again retries them.
     *
     * @throws IllegalStateException if the writer is closed
     * @throws FeatureStoreException if the transaction fails after the busy retries
     */
    public synchronized void flush() {
        ensureOpen();
        if (pending.isEmpty()) {
            return;
        }
        int rows = pending.size();
        int[] counts;
        try {
            counts = Sqlite.retryWhenBusy(this::insertBatch, options.busyRetries(),
                    "writing " + rows + " rows to " + file);
        } catch (SQLException e) {
            throw new FeatureStoreException("Failed to write a batch of " + rows + " rows to "
                    + file + "; they stay buffered, so flush() or close() retries them", e);
        }

        long written = 0;
        for (int count : counts) {
            written += count > 0 ? 1 : 0;
        }
        inserted += written;
        skipped += rows - written;
        pending.clear();
        pendingKeys.clear();
        LOG.debug("Committed {} rows ({} already stored) to {}", written, rows - written, file);
    }

    /** Returns the writer's counters. */
    public synchronized WriteStats stats() {
        return new WriteStats(added, inserted, skipped, pending.size(), commits.get());
    }

    /** Returns whether {@link #close()} has been called. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Commits the buffered rows and closes the connection. Idempotent. The connection is closed
     * even if the final commit fails.
     *
     * @throws FeatureStoreException if the final commit fails
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            flush();
            LOG.info("Closed writer of run {} on {}: {} rows inserted, {} skipped as already"
                    + " stored, {} commits", run.runId(), file, inserted, skipped, commits.get());
        } finally {
            closed = true;
            closeConnection();
            store.writerClosed(this);
        }
    }

    private int[] insertBatch() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                insert.clearBatch();
                for (PendingRow row : pending) {
                    bind(row);
                    insert.addBatch();
                }
                int[] counts = insert.executeBatch();
                statement.execute("COMMIT");
                return counts;
            } catch (SQLException | RuntimeException e) {
                Sqlite.rollbackQuietly(connection);
                throw e;
            }
        }
    }

    private void bind(PendingRow row) throws SQLException {
        FeatureKey key = row.key();
        insert.setString(1, run.modelId());
        insert.setString(2, run.architecture());
        insert.setString(3, row.timestamp());
        insert.setString(4, key.imagePath());
        insert.setString(5, key.imageId());
        insert.setString(6, key.prompt());
        insert.setString(7, row.label());
        insert.setString(8, key.layer());
        insert.setString(9, key.pooling());
        insert.setLong(10, row.tensorDim());
        insert.setBytes(11, row.blob());
        insert.setString(12, row.dtype());
        insert.setString(13, row.shape());
        insert.setString(14, options.codec().columnValue());
        insert.setInt(15, key.callIndex());
        insert.setString(16, run.modelRevision());
        insert.setString(17, run.runId());
    }

    private Void recordRun() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT_RUN)) {
            statement.setString(1, run.runId());
            statement.setString(2, run.modelId());
            statement.setString(3, run.architecture());
            statement.setString(4, run.modelRevision());
            statement.setString(5, run.libraryVersion());
            if (run.seed() == null) {
                statement.setNull(6, java.sql.Types.INTEGER);
            } else {
                statement.setLong(6, run.seed());
            }
            statement.setString(7, options.codec().columnValue());
            statement.setString(8, Instant.now().toString());
            statement.executeUpdate();
        }
        return null;
    }

    private void closeConnection() {
        try {
            insert.close();
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Failed to close the connection to {}", file, e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Writer for run " + run.runId()
                    + " is closed; open another with FeatureStore.writer(run)");
        }
    }

    /** A buffered row with its blob already encoded into its own array. */
    private record PendingRow(FeatureKey key, String label, String timestamp, byte[] blob,
            String dtype, String shape, long tensorDim) {

        static PendingRow encode(FeatureRow row, TensorCodec codec) {
            StoredTensor tensor = row.tensor();
            long[] shape = tensor.shape();
            long tensorDim = shape.length == 0 ? 1 : shape[shape.length - 1];
            return new PendingRow(row.key(), row.label(), Instant.now().toString(),
                    codec.encode(tensor), DTypes.name(tensor.dtype()), Shapes.format(shape),
                    tensorDim);
        }
    }
}
