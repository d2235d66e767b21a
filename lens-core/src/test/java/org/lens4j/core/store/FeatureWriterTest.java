package org.lens4j.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lens4j.core.store.StoreFixtures.key;
import static org.lens4j.core.store.StoreFixtures.row;
import static org.lens4j.core.store.StoreFixtures.run;
import static org.lens4j.core.store.StoreFixtures.vector;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureWriterTest {

    private static final int DIMENSION = 4;

    @TempDir
    Path folder;

    @Test
    void settingsReadBackWalTimeoutAndNormalSync() {
        StoreOptions options = StoreOptions.defaults().withBusyTimeout(Duration.ofMillis(12_345));
        try (FeatureStore store = FeatureStore.open(folder.resolve("s.db"), options)) {
            ConnectionSettings settings = store.settings();

            assertEquals("wal", settings.journalMode());
            assertEquals(12_345, settings.busyTimeoutMillis());
            assertEquals(1, settings.synchronous());
        }
    }

    @Test
    void reusedBufferKeepsRowsDistinct() {
        float[] buffer = new float[DIMENSION];
        try (FeatureStore store = FeatureStore.open(folder.resolve("s.db"))) {
            try (FeatureWriter writer = store.writer(run())) {
                for (int i = 0; i < 5; i++) {
                    System.arraycopy(vector(i, DIMENSION), 0, buffer, 0, DIMENSION);
                    writer.add(FeatureRow.of(key(i), "x", buffer, 1, DIMENSION));
                }
                assertEquals(5, writer.stats().pending());
            }

            FeatureMatrix matrix = store.features(StoreFixtures.LAYER, StoreFixtures.POOLING);

            for (int i = 0; i < 5; i++) {
                assertArrayEquals(vector(i, DIMENSION), matrix.features().getRow(i).toFloatVector(),
                        "row " + i);
            }
        }
    }

    @Test
    void tenThousandRowsCommitInFewTransactions() {
        int rows = 10_000;
        int batch = StoreOptions.DEFAULT_BATCH_SIZE;
        WriteStats stats;
        try (FeatureStore store = FeatureStore.open(folder.resolve("s.db"))) {
            FeatureWriter writer = store.writer(run());
            for (int i = 0; i < rows; i++) {
                writer.add(row(i, DIMENSION));
            }
            writer.close();
            stats = writer.stats();

            assertEquals(rows, store.rowCount());
        }

        // One commit records the run, then one per started batch: 1 + ceil(10000 / 256) = 41.
        long expectedCommits = 1 + (rows + batch - 1) / batch;
        assertEquals(expectedCommits, stats.commits());
        assertEquals(rows, stats.inserted());
    }

    @Test
    void flushCommitsPendingRowsOnce() {
        try (FeatureStore store = FeatureStore.open(folder.resolve("s.db"));
                FeatureWriter writer = store.writer(run())) {
            writer.add(row(0, DIMENSION));
            writer.add(row(1, DIMENSION));

            writer.flush();
            writer.flush();

            assertEquals(2, store.rowCount());
            assertEquals(2, writer.stats().commits());
            assertEquals(0, writer.stats().pending());
        }
    }

    @Test
    void rerunSkipsRowsThatExist() {
        try (FeatureStore store = FeatureStore.open(folder.resolve("s.db"))) {
            try (FeatureWriter first = store.writer(run())) {
                for (int i = 0; i < 30; i++) {
                    first.add(row(i, DIMENSION));
                }
            }

            FeatureWriter second = store.writer(run());
            for (int i = 0; i < 40; i++) {
                second.add(row(i, DIMENSION));
            }
            second.close();

            assertEquals(40, store.rowCount());
            assertEquals(10, second.stats().inserted());
            assertEquals(30, second.stats().skipped());
        }
    }

    @Test
    void rowsOfAnotherModelAreNotSkipped() {
        try (FeatureStore store = FeatureStore.open(folder.resolve("s.db"))) {
            try (FeatureWriter first = store.writer(run())) {
                first.add(row(0, DIMENSION));
            }
            try (FeatureWriter other = store.writer(RunInfo.of("other/model", "llava"))) {
                other.add(row(0, DIMENSION));
            }

            assertEquals(2, store.rowCount());
        }
    }

    @Test
    void keysWithoutImagePathStillDeduplicate() {
        FeatureKey idOnly = new FeatureKey("img-1", null, "", "layer.a", "mean", 0);
        try (FeatureStore store = FeatureStore.open(folder.resolve("s.db"))) {
            try (FeatureWriter writer = store.writer(run())) {
                writer.add(FeatureRow.of(idOnly, null, new float[] {1}, 1));
            }
            FeatureWriter again = store.writer(run());
            again.add(FeatureRow.of(idOnly, null, new float[] {2}, 1));
            again.close();

            assertEquals(1, store.rowCount());
            assertEquals(1, again.stats().skipped());
        }
    }

    @Test
    void duplicateKeyInOneBatchIsSkipped() {
        try (FeatureStore store = FeatureStore.open(folder.resolve("s.db"))) {
            FeatureWriter writer = store.writer(run());
            writer.add(row(3, DIMENSION));
            writer.add(row(3, DIMENSION));
            writer.close();

            assertEquals(1, store.rowCount());
            assertEquals(1, writer.stats().skipped());
        }
    }

    @Test
    void containsSeesPendingAndCommittedRows() {
        try (FeatureStore store = FeatureStore.open(folder.resolve("s.db"));
                FeatureWriter writer = store.writer(run())) {
            writer.add(row(0, DIMENSION));
            assertTrue(writer.contains(key(0)));
            assertFalse(store.contains(StoreFixtures.MODEL, key(0)));

            writer.flush();

            assertTrue(writer.contains(key(0)));
            assertTrue(store.contains(StoreFixtures.MODEL, key(0)));
            assertFalse(writer.contains(key(1)));
            assertFalse(store.contains("other/model", key(0)));
        }
    }

    @Test
    void rowsStoreRunAndTensorColumns() throws SQLException {
        Path file = folder.resolve("s.db");
        RunInfo run = run();
        try (FeatureStore store = FeatureStore.open(file);
                FeatureWriter writer = store.writer(run)) {
            writer.add(FeatureRow.of(key(2), "defect", new float[] {1, 2, 3, 4, 5, 6}, 1, 6));
        }

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT name, architecture, timestamp,"
                        + " image_path, image_id, label, tensor_dim, dtype, shape, codec,"
                        + " call_index, model_revision, run_id FROM tensors")) {
            assertTrue(result.next());
            assertEquals(StoreFixtures.MODEL, result.getString("name"));
            assertEquals(StoreFixtures.ARCHITECTURE, result.getString("architecture"));
            assertDoesNotThrow(() -> Instant.parse(result.getString("timestamp")));
            assertEquals("images/img-2.png", result.getString("image_path"));
            assertEquals("img-2", result.getString("image_id"));
            assertEquals("defect", result.getString("label"));
            assertEquals(6, result.getInt("tensor_dim"));
            assertEquals("float32", result.getString("dtype"));
            assertEquals("[1, 6]", result.getString("shape"));
            assertEquals("npy", result.getString("codec"));
            assertEquals(0, result.getInt("call_index"));
            assertEquals("rev-1", result.getString("model_revision"));
            assertEquals(run.runId(), result.getString("run_id"));
        }
    }

    @Test
    void runsTableRecordsEachWriter() {
        RunInfo run = run();
        try (FeatureStore store = FeatureStore.open(folder.resolve("s.db"))) {
            store.writer(run).close();

            List<RunInfo> runs = store.runs();

            assertEquals(List.of(run), runs);
        }
    }

    @Test
    void addAfterCloseThrows() {
        try (FeatureStore store = FeatureStore.open(folder.resolve("s.db"))) {
            FeatureWriter writer = store.writer(run());
            writer.close();
            writer.close();

            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> writer.add(row(0, DIMENSION)));

            assertTrue(error.getMessage().contains("closed"), error.getMessage());
            assertTrue(writer.isClosed());
        }
    }

    @Test
    void closingStoreCommitsOpenWriters() {
        Path file = folder.resolve("s.db");
        FeatureWriter writer;
        try (FeatureStore store = FeatureStore.open(file)) {
            writer = store.writer(run());
            writer.add(row(0, DIMENSION));
        }

        assertTrue(writer.isClosed());
        try (FeatureStore reopened = FeatureStore.open(file)) {
            assertEquals(1, reopened.rowCount());
        }
    }

    @Test
    void npyCodecRejectsBfloat16Row() {
        StoredTensor bf16 = StoredTensor.of(org.lens4j.core.checkpoint.TensorDType.BF16,
                new long[] {1}, new byte[2]);
        try (FeatureStore store = FeatureStore.open(folder.resolve("s.db"));
                FeatureWriter writer = store.writer(run())) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> writer.add(new FeatureRow(key(0), null, bf16)));

            assertTrue(error.getMessage().contains("bfloat16"), error.getMessage());
            assertEquals(0, writer.stats().added());
        }
    }

    @Test
    void batchSizeBelowOneIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> StoreOptions.defaults().withBatchSize(0));

        assertTrue(error.getMessage().contains("Batch size is 0"), error.getMessage());
    }
}
