package org.lens4j.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lens4j.core.store.internal.FeatureQueries;
import org.lens4j.core.store.internal.Schema;
import org.lens4j.core.store.internal.Sqlite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SQLite file of captured features, one file per run, in a {@code tensors} table that
 * VLM-Lens' own probe code can read. See the package documentation for the schema.
 *
 * <p>The store reads through one connection, so its read methods are synchronized, and each
 * {@link FeatureWriter} opens its own. All connections use WAL, so readers see committed batches
 * while a writer works.
 *
 * <pre>{@code
 * try (FeatureStore store = FeatureStore.open(Path.of("fabric.db"))) {
 *     for (LayerPooling pair : store.layers()) {
 *         FeatureMatrix m = store.features(FeatureSelection.of(pair));
 *         // m.features() is (n x d) float32, and m.labels().get(i) labels row i
 *     }
 * }
 * }</pre>
 */
public final class FeatureStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureStore.class);

    private final Path file;
    private final StoreOptions options;
    private final boolean readOnly;
    private final Connection connection;
    private final FeatureQueries queries;
    private final Set<FeatureWriter> writers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private FeatureStore(Path file, StoreOptions options, boolean readOnly, Connection connection,
            Set<String> columns) {
        this.file = file;
        this.options = options;
        this.readOnly = readOnly;
        this.connection = connection;
        this.queries = new FeatureQueries(connection, columns, file);
    }

    /** Opens or creates a store with {@link StoreOptions#defaults()}. */
    public static FeatureStore open(Path file) {
        return open(file, StoreOptions.defaults());
    }

    /**
     * Opens a store for reading and writing, creating the file, its parent folders and the schema
     * when missing.
     *
     * @throws IllegalArgumentException if the file has a {@code tensors} table without the Lens4J
     *     columns, such as a VLM-Lens database, which {@link #openReadOnly(Path)} opens
     * @throws FeatureStoreException if the file cannot be created or opened
     */
    public static FeatureStore open(Path file, StoreOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        createParentFolders(file);
        Connection connection = null;
        try {
            connection = Sqlite.open(file, options, false);
            Set<String> columns = Schema.tensorColumns(connection);
            if (!columns.isEmpty() && !columns.containsAll(Schema.LENS_COLUMNS)) {
                throw new IllegalArgumentException("File " + file + " has a tensors table"
                        + " without the Lens4J columns " + Schema.LENS_COLUMNS + " (a VLM-Lens"
                        + " database?); read it with FeatureStore.openReadOnly(path)");
            }
            Connection schemaConnection = connection;
            Sqlite.retryWhenBusy(() -> {
                Schema.create(schemaConnection);
                return null;
            }, options.busyRetries(), "creating the schema of " + file);
            columns = Schema.tensorColumns(connection);
            LOG.debug("Opened feature store {} with {}", file, options);
            return new FeatureStore(file, options, false, connection, columns);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new FeatureStoreException("Failed to open feature store " + file, e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /** Opens an existing store or VLM-Lens database read-only with default options. */
    public static FeatureStore openReadOnly(Path file) {
        return openReadOnly(file, StoreOptions.defaults());
    }

    /**
     * Opens an existing file read-only: a Lens4J store or a VLM-Lens database. Columns a VLM-Lens
     * table lacks read as absent: the codec is detected from the blob, and the call index is 0.
     * {@link #writer(RunInfo)} is not available.
     *
     * @throws IllegalArgumentException if the file does not exist or has no {@code tensors} table
     *     with the VLM-Lens columns
     * @throws FeatureStoreException if the file cannot be opened
     */
    public static FeatureStore openReadOnly(Path file, StoreOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Feature store " + file + " not found; check the"
                    + " path, or create a store with FeatureStore.open(path)");
        }
        Connection connection = null;
        try {
            connection = Sqlite.open(file, options, true);
            Set<String> columns = Schema.tensorColumns(connection);
            List<String> missing = new ArrayList<>(Schema.VLM_LENS_COLUMNS);
            missing.removeAll(columns);
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("File " + file + " has no tensors table with"
                        + " the columns " + Schema.VLM_LENS_COLUMNS + "; missing: " + missing);
            }
            LOG.debug("Opened feature store {} read-only", file);
            return new FeatureStore(file, options, true, connection, columns);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new FeatureStoreException("Failed to open feature store " + file, e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /** Returns the database file. */
    public Path path() {
        return file;
    }

    /** Returns the options the store was opened with. */
    public StoreOptions options() {
        return options;
    }

    /** Returns whether the store was opened with {@link #openReadOnly}. */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** Returns whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Opens a writer for a run on its own connection and records the run in the {@code runs}
     * table (kept as first recorded when the run id is already there).
     *
     * @throws IllegalStateException if the store is closed or read-only
     * @throws FeatureStoreException if the connection cannot be opened
     */
    public synchronized FeatureWriter writer(RunInfo run) {
        Objects.requireNonNull(run, "run");
        ensureOpen();
        if (readOnly) {
            throw new IllegalStateException("Feature store " + file + " is open read-only;"
                    + " open it with FeatureStore.open(path) to write");
        }
        try {
            FeatureWriter writer = FeatureWriter.open(this, run);
            writers.add(writer);
            return writer;
        } catch (SQLException e) {
            throw new FeatureStoreException("Failed to open a writer on " + file, e);
        }
    }

    /** Returns the distinct (layer, pooling) pairs, in order of each pair's first row. */
    public synchronized List<LayerPooling> layers() {
        return read("the layer list", queries::layers);
    }

    /** Reads the features of one layer and pooling; see {@link #features(FeatureSelection)}. */
    public FeatureMatrix features(String layer, String pooling) {
        return features(FeatureSelection.of(layer, pooling));
    }

    /**
     * Reads the selected rows as an {@code (n × d)} float32 matrix with their labels, image ids,
     * image paths and prompts, ordered by row id. Each row's tensor must be a vector of shape
     * {@code [d]} or {@code [1, d]}; F16, BF16, F64 and integer tensors are converted to float32.
     *
     * @throws IllegalArgumentException if no row matches, or the rows span several call indices
     *     or models and the selection names neither
     * @throws FeatureStoreException if a row is corrupt, is not a vector, or its dimension differs
     *     from the first row's
     */
    public synchronized FeatureMatrix features(FeatureSelection selection) {
        Objects.requireNonNull(selection, "selection");
        return read("features of " + selection.layer(), () -> queries.features(selection));
    }

    /**
     * Reads one row's tensor with its dtype and shape.
     *
     * @throws IllegalArgumentException if no row has that id
     * @throws FeatureStoreException if the row is corrupt
     */
    public synchronized StoredTensor readTensor(long rowId) {
        return read("row " + rowId, () -> queries.readTensor(rowId));
    }

    /** Returns the number of rows in the {@code tensors} table. */
    public synchronized long rowCount() {
        return read("the row count", queries::rowCount);
    }

    /** Returns whether a row of {@code modelId} with this key is stored. */
    public synchronized boolean contains(String modelId, FeatureKey key) {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(key, "key");
        return read("a row", () -> queries.contains(modelId, key));
    }

    /** Returns the runs recorded in the {@code runs} table, oldest first (empty for VLM-Lens). */
    public synchronized List<RunInfo> runs() {
        return read("the runs", queries::runs);
    }

    /** Reads back the pragmas of the store's read connection. */
    public synchronized ConnectionSettings settings() {
        return read("the connection settings", () -> Sqlite.settings(connection));
    }

    /**
     * Closes the open writers (committing their buffered rows) and the read connection;
     * idempotent. The connection is closed even when a writer fails to commit.
     *
     * @throws FeatureStoreException if a writer's final commit failed
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (FeatureWriter writer : new ArrayList<>(writers)) {
            try {
                writer.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        closeQuietly(connection);
        LOG.debug("Closed feature store {}", file);
        if (failure != null) {
            throw failure;
        }
    }

    /** Forgets a writer that closed itself. */
    void writerClosed(FeatureWriter writer) {
        writers.remove(writer);
    }

    private <T> T read(String operation, Sqlite.SqlAction<T> action) {
        ensureOpen();
        try {
            return Sqlite.retryWhenBusy(action, options.busyRetries(), "reading " + operation);
        } catch (SQLException e) {
            throw new FeatureStoreException("Failed to read " + operation + " from " + file, e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Feature store " + file + " is closed; open it again"
                    + " with FeatureStore.open(path)");
        }
    }

    private static void createParentFolders(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new FeatureStoreException("Failed to create the folder " + parent
                    + " for feature store " + file, e);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Failed to close a database connection", e);
        }
    }
}
