package org.lens4j.core.store.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.lens4j.core.store.FeatureKey;
import org.lens4j.core.store.FeatureMatrix;
import org.lens4j.core.store.FeatureSelection;
import org.lens4j.core.store.LayerPooling;
import org.lens4j.core.store.RunInfo;
import org.lens4j.core.store.StoredTensor;

/**
 * The read queries of a store. Columns a foreign table lacks (a VLM-Lens table has none of
 * {@link Schema#LENS_COLUMNS}) read as NULL, and a missing {@code call_index} reads as 0.
 * Not thread-safe, so the store serialises calls.
 */
public final class FeatureQueries {

    private final Connection connection;
    private final Set<String> columns;
    private final Path file;

    /** Creates the queries for a connection whose {@code tensors} table has {@code columns}. */
    public FeatureQueries(Connection connection, Set<String> columns, Path file) {
        this.connection = connection;
        this.columns = Set.copyOf(columns);
        this.file = file;
    }

    /** Returns the distinct (layer, pooling) pairs in order of their first row. */
    public List<LayerPooling> layers() throws SQLException {
        String sql = "SELECT layer, pooling_method, MIN(rowid) AS first_row FROM tensors"
                + " GROUP BY layer, pooling_method ORDER BY first_row";
        List<LayerPooling> pairs = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                pairs.add(new LayerPooling(result.getString(1), result.getString(2)));
            }
        }
        return pairs;
    }

    /** Returns the number of rows in the {@code tensors} table. */
    public long rowCount() throws SQLException {
        try (PreparedStatement statement =
                        connection.prepareStatement("SELECT COUNT(*) FROM tensors");
                ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /**
     * Reads the features of one selection as an {@code (n × d)} float32 matrix.
     *
     * @throws IllegalArgumentException if nothing matches, or the match spans several call
     *     indices or models and the selection does not pick one
     * @throws org.lens4j.core.store.FeatureStoreException if a row is corrupt or its dimension
     *     differs from the first row's
     */
    public FeatureMatrix features(FeatureSelection selection) throws SQLException {
        FeatureSelection resolved = resolve(selection);
        String sql = "SELECT rowid, label, image_id, image_path, prompt, " + column("codec") + ", "
                + column("dtype") + ", " + column("shape") + ", tensor FROM tensors"
                + where(resolved) + " ORDER BY rowid";
        MatrixBuilder matrix = new MatrixBuilder(resolved);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, resolved);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    long rowId = result.getLong(1);
                    StoredTensor tensor = RowDecoder.decode(rowId, resolved.layer(),
                            result.getString(6), result.getString(7), result.getString(8),
                            result.getBytes(9));
                    matrix.add(rowId, tensor, result.getString(2), result.getString(3),
                            result.getString(4), result.getString(5));
                }
            }
        }
        return matrix.build();
    }

    /**
     * Reads one row's tensor.
     *
     * @throws IllegalArgumentException if no row has that id
     */
    public StoredTensor readTensor(long rowId) throws SQLException {
        String sql = "SELECT layer, " + column("codec") + ", " + column("dtype") + ", "
                + column("shape") + ", tensor FROM tensors WHERE rowid = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, rowId);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    throw new IllegalArgumentException("No row with id " + rowId + " in " + file
                            + "; row ids come from FeatureMatrix.rowIds()");
                }
                return RowDecoder.decode(rowId, result.getString(1), result.getString(2),
                        result.getString(3), result.getString(4), result.getBytes(5));
            }
        }
    }

    /** Returns whether a row of {@code modelId} with this key exists. */
    public boolean contains(String modelId, FeatureKey key) throws SQLException {
        String sql = "SELECT 1 FROM tensors WHERE name = ? AND ifnull(image_id, '') = ?"
                + " AND ifnull(image_path, '') = ? AND prompt = ? AND layer = ?"
                + " AND pooling_method IS ? AND " + callIndexColumn() + " = ? LIMIT 1";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, modelId);
            statement.setString(2, key.imageId() == null ? "" : key.imageId());
            statement.setString(3, key.imagePath() == null ? "" : key.imagePath());
            statement.setString(4, key.prompt());
            statement.setString(5, key.layer());
            statement.setString(6, key.pooling());
            statement.setInt(7, key.callIndex());
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    /** Returns the runs recorded in the {@code runs} table, oldest first; empty if it is absent. */
    public List<RunInfo> runs() throws SQLException {
        List<RunInfo> runs = new ArrayList<>();
        if (!Schema.hasRunsTable(connection)) {
            return runs;
        }
        String sql = "SELECT run_id, model_id, architecture, model_revision, library_version,"
                + " seed FROM runs ORDER BY started_at, rowid";
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                long seed = result.getLong(6);
                Long boxedSeed = result.wasNull() ? null : seed;
                runs.add(new RunInfo(result.getString(1), result.getString(2),
                        result.getString(3), result.getString(4), result.getString(5),
                        boxedSeed));
            }
        }
        return runs;
    }

    /** Fills in the call index and model id when exactly one of each matches. */
    private FeatureSelection resolve(FeatureSelection selection) throws SQLException {
        Set<Integer> callIndices = new TreeSet<>();
        Set<String> models = new TreeSet<>();
        String sql = "SELECT DISTINCT " + callIndexColumn() + ", name FROM tensors"
                + where(selection);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, selection);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    callIndices.add(result.getInt(1));
                    models.add(result.getString(2));
                }
            }
        }

        if (callIndices.isEmpty()) {
            throw new IllegalArgumentException("No rows for layer '" + selection.layer()
                    + "' with pooling '" + selection.pooling() + "'"
                    + (selection.callIndex() == null ? "" : ", call " + selection.callIndex())
                    + (selection.modelId() == null ? "" : ", model " + selection.modelId())
                    + " in " + file + "; stored pairs: " + layers());
        }
        if (callIndices.size() > 1) {
            throw new IllegalArgumentException("Layer '" + selection.layer() + "' was captured"
                    + " at call indices " + callIndices + "; pick one with"
                    + " FeatureSelection.withCallIndex(index)");
        }
        if (models.size() > 1) {
            throw new IllegalArgumentException("Layer '" + selection.layer() + "' has rows of"
                    + " models " + models + "; pick one with FeatureSelection.withModelId(id)");
        }
        return new FeatureSelection(selection.layer(), selection.pooling(),
                callIndices.iterator().next(), models.iterator().next());
    }

    private String where(FeatureSelection selection) {
        return " WHERE layer = ? AND pooling_method IS ?"
                + (selection.callIndex() == null ? "" : " AND " + callIndexColumn() + " = ?")
                + (selection.modelId() == null ? "" : " AND name = ?");
    }

    private static void bind(PreparedStatement statement, FeatureSelection selection)
            throws SQLException {
        int index = 1;
        statement.setString(index++, selection.layer());
        statement.setString(index++, selection.pooling());
        if (selection.callIndex() != null) {
            statement.setInt(index++, selection.callIndex());
        }
        if (selection.modelId() != null) {
            statement.setString(index, selection.modelId());
        }
    }

    private String column(String name) {
        return columns.contains(name) ? name : "NULL";
    }

    private String callIndexColumn() {
        return columns.contains("call_index") ? "call_index" : "0";
    }
}
