package org.lens4j.core.store.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The store's tables and indexes, and the columns an existing {@code tensors} table has. */
public final class Schema {

    /** Value of {@code PRAGMA user_version} in a store this code created. */
    public static final int VERSION = 1;

    /** Columns VLM-Lens writes; a table without these is not a feature table. */
    public static final List<String> VLM_LENS_COLUMNS = List.of("name", "architecture",
            "timestamp", "image_path", "image_id", "prompt", "label", "layer", "pooling_method",
            "tensor_dim", "tensor");

    /** Columns Lens4J adds to the VLM-Lens ones. */
    public static final List<String> LENS_COLUMNS = List.of("dtype", "shape", "codec",
            "call_index", "model_revision", "run_id");

    /**
     * Expression list of the unique index that makes a re-run skip rows that exist. NULL image
     * fields are mapped to '' because SQLite treats NULLs in a unique index as all distinct.
     */
    static final String KEY_EXPRESSIONS = "name, ifnull(image_id, ''), ifnull(image_path, ''),"
            + " prompt, layer, pooling_method, call_index";

    private static final List<String> DDL = List.of(
            "CREATE TABLE IF NOT EXISTS tensors ("
                    + " id INTEGER PRIMARY KEY,"
                    + " name TEXT NOT NULL,"
                    + " architecture TEXT NOT NULL,"
                    + " timestamp TEXT NOT NULL,"
                    + " image_path TEXT NULL,"
                    + " image_id TEXT NULL,"
                    + " prompt TEXT NOT NULL,"
                    + " label TEXT NULL,"
                    + " layer TEXT NOT NULL,"
                    + " pooling_method TEXT NOT NULL,"
                    + " tensor_dim INTEGER NOT NULL,"
                    + " tensor BLOB NOT NULL,"
                    + " dtype TEXT NOT NULL,"
                    + " shape TEXT NOT NULL,"
                    + " codec TEXT NOT NULL,"
                    + " call_index INTEGER NOT NULL DEFAULT 0,"
                    + " model_revision TEXT NULL,"
                    + " run_id TEXT NOT NULL)",
            "CREATE UNIQUE INDEX IF NOT EXISTS tensors_key ON tensors (" + KEY_EXPRESSIONS + ")",
            "CREATE INDEX IF NOT EXISTS tensors_layer ON tensors (layer, pooling_method)",
            "CREATE TABLE IF NOT EXISTS runs ("
                    + " run_id TEXT PRIMARY KEY,"
                    + " model_id TEXT NOT NULL,"
                    + " architecture TEXT NOT NULL,"
                    + " model_revision TEXT NULL,"
                    + " library_version TEXT NOT NULL,"
                    + " seed INTEGER NULL,"
                    + " codec TEXT NOT NULL,"
                    + " started_at TEXT NOT NULL)",
            "PRAGMA user_version = " + VERSION);

    private Schema() {
    }

    /** Creates the tables and indexes that do not exist yet, in one immediate transaction. */
    public static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                for (String sql : DDL) {
                    statement.execute(sql);
                }
                statement.execute("COMMIT");
            } catch (SQLException e) {
                Sqlite.rollbackQuietly(connection);
                throw e;
            }
        }
    }

    /** Returns the column names of the {@code tensors} table; empty if there is no such table. */
    public static Set<String> tensorColumns(Connection connection) throws SQLException {
        Set<String> columns = new LinkedHashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA table_info(tensors)")) {
            while (result.next()) {
                columns.add(result.getString("name"));
            }
        }
        return columns;
    }

    /** Returns whether the file has a {@code runs} table. */
    public static boolean hasRunsTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'runs'")) {
            return result.next();
        }
    }
}
