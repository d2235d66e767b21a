package org.lens4j.core.store.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.lens4j.core.store.ConnectionSettings;
import org.lens4j.core.store.FeatureStoreException;
import org.lens4j.core.store.StoreOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;

/** Opening SQLite connections with the store's pragmas, and retrying statements when busy. */
public final class Sqlite {

    private static final Logger LOG = LoggerFactory.getLogger(Sqlite.class);

    /** SQLite's primary result code for a locked database (extended codes share the low byte). */
    private static final int SQLITE_BUSY = 5;

    private static final long FIRST_BACKOFF_MILLIS = 50;
    private static final long MAX_BACKOFF_MILLIS = 2_000;

    /** A database action that may fail with {@link SQLException}. */
    @FunctionalInterface
    public interface SqlAction<T> {
        /** Runs the action. */
        T run() throws SQLException;
    }

    private Sqlite() {
    }

    /**
     * Opens a connection and sets its pragmas one statement at a time: {@code busy_timeout}
     * first, so the switch to WAL can wait for other connections, then {@code journal_mode=WAL}
     * and {@code synchronous=NORMAL} (read-write connections only).
     *
     * @throws SQLException if the file cannot be opened or a pragma fails
     */
    public static Connection open(Path file, StoreOptions options, boolean readOnly)
            throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        Connection connection = config.createConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = " + options.busyTimeout().toMillis());
            if (!readOnly) {
                String mode = queryString(statement, "PRAGMA journal_mode = WAL");
                if (!"wal".equalsIgnoreCase(mode)) {
                    LOG.warn("SQLite kept journal_mode={} for {} instead of WAL; concurrent"
                            + " readers will wait for writers", mode, file);
                }
                statement.execute("PRAGMA synchronous = NORMAL");
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** Reads back the {@code journal_mode}, {@code busy_timeout} and {@code synchronous} pragmas. */
    public static ConnectionSettings settings(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            String journalMode = queryString(statement, "PRAGMA journal_mode");
            int busyTimeout = Integer.parseInt(queryString(statement, "PRAGMA busy_timeout"));
            int synchronous = Integer.parseInt(queryString(statement, "PRAGMA synchronous"));
            return new ConnectionSettings(journalMode.toLowerCase(Locale.ROOT), busyTimeout,
                    synchronous);
        }
    }

    /** Returns the first column of the first row of a query. */
    static String queryString(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        }
    }

    /** Returns whether an exception is SQLite's {@code SQLITE_BUSY} or one of its extended codes. */
    public static boolean isBusy(SQLException e) {
        if (e instanceof SQLiteException) {
            return (((SQLiteException) e).getResultCode().code & 0xff) == SQLITE_BUSY;
        }
        return (e.getErrorCode() & 0xff) == SQLITE_BUSY;
    }

    /**
     * Runs an action, retrying it with exponential backoff (50 ms doubling, at most 2 s) when it
     * fails with {@code SQLITE_BUSY}, which SQLite reports once the busy timeout has passed.
     * The action must leave no transaction open when it fails.
     *
     * @throws SQLException the last error, when it is not a busy error or the retries ran out
     * @throws FeatureStoreException if the thread is interrupted while waiting, after restoring
     *     the interrupt flag
     */
    public static <T> T retryWhenBusy(SqlAction<T> action, int retries, String operation)
            throws SQLException {
        long backoff = FIRST_BACKOFF_MILLIS;
        for (int attempt = 0; ; attempt++) {
            try {
                return action.run();
            } catch (SQLException e) {
                if (!isBusy(e) || attempt >= retries) {
                    throw e;
                }
                LOG.warn("Database busy while {}, retry {} of {} in {} ms", operation, attempt + 1,
                        retries, backoff, e);
                sleep(backoff, operation);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    /**
     * Rolls back the open transaction, if any. A failure is logged and not thrown, because the
     * caller is already handling an earlier error.
     */
    public static void rollbackQuietly(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ROLLBACK");
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("no transaction is active")) {
                LOG.debug("No transaction to roll back");
            } else {
                LOG.warn("Rollback failed after an earlier error", e);
            }
        }
    }

    private static void sleep(long millis, String operation) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeatureStoreException("Interrupted while waiting to retry " + operation, e);
        }
    }
}
