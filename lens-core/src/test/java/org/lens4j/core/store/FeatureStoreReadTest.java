package org.lens4j.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lens4j.core.store.StoreFixtures.LAYER;
import static org.lens4j.core.store.StoreFixtures.POOLING;
import static org.lens4j.core.store.StoreFixtures.key;
import static org.lens4j.core.store.StoreFixtures.row;
import static org.lens4j.core.store.StoreFixtures.run;
import static org.lens4j.core.store.StoreFixtures.vector;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class FeatureStoreReadTest {

    private static final int DIMENSION = 3;

    @TempDir
    Path folder;

    @Test
    void featuresStackRowsInRowIdOrder() {
        try (FeatureStore store = storeWithRows(5, TensorCodec.NPY)) {
            FeatureMatrix matrix = store.features(LAYER, POOLING);

            assertEquals(DataType.FLOAT, matrix.features().dataType());
            assertArrayEquals(new long[] {5, DIMENSION}, matrix.features().shape());
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(vector(i, DIMENSION), matrix.features().getRow(i).toFloatVector(),
                        "row " + i);
            }
        }
    }

    @Test
    void featuresCarryRowMetadataInSameOrder() {
        try (FeatureStore store = storeWithRows(3, TensorCodec.NPY)) {
            FeatureMatrix matrix = store.features(LAYER, POOLING);

            assertArrayEquals(new long[] {1, 2, 3}, matrix.rowIds());
            assertEquals(List.of("normal", "defect", "normal"), matrix.labels());
            assertEquals(List.of("img-0", "img-1", "img-2"), matrix.imageIds());
            assertEquals(List.of("images/img-0.png", "images/img-1.png", "images/img-2.png"),
                    matrix.imagePaths());
            assertEquals(List.of(StoreFixtures.PROMPT, StoreFixtures.PROMPT,
                    StoreFixtures.PROMPT), matrix.prompts());
            assertEquals(0, matrix.selection().callIndex());
            assertEquals(StoreFixtures.MODEL, matrix.selection().modelId());
        }
    }

    @Test
    void torchCodecStoreReadsBack() {
        try (FeatureStore store = storeWithRows(4, TensorCodec.TORCH)) {
            FeatureMatrix matrix = store.features(LAYER, POOLING);

            assertArrayEquals(vector(3, DIMENSION), matrix.features().getRow(3).toFloatVector());
        }
    }

    @Test
    void layersListsDistinctPairsInFirstRowOrder() {
        try (FeatureStore store = FeatureStore.open(folder.resolve("s.db"))) {
            try (FeatureWriter writer = store.writer(run())) {
                writer.add(FeatureRow.of(key(0, "visual.blocks.1.norm2", "max"), "a",
                        new float[] {1}, 1));
                writer.add(FeatureRow.of(key(0, "model.layers.0.mlp", "mean"), "a",
                        new float[] {1}, 1));
                writer.add(FeatureRow.of(key(1, "visual.blocks.1.norm2", "max"), "a",
                        new float[] {1}, 1));
                writer.add(FeatureRow.of(key(0, "visual.blocks.1.norm2", "mean"), "a",
                        new float[] {1}, 1));
            }

            assertEquals(List.of(new LayerPooling("visual.blocks.1.norm2", "max"),
                    new LayerPooling("model.layers.0.mlp", "mean"),
                    new LayerPooling("visual.blocks.1.norm2", "mean")), store.layers());
        }
    }

    @Test
    void readTensorReturnsStoredShape() {
        try (FeatureStore store = FeatureStore.open(folder.resolve("s.db"))) {
            try (FeatureWriter writer = store.writer(run())) {
                writer.add(FeatureRow.of(key(0), null, new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
            }

            StoredTensor tensor = store.readTensor(1);

            assertArrayEquals(new long[] {2, 3}, tensor.shape());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, tensor.toFloatArray());
        }
    }

    @Test
    void readTensorRejectsUnknownRowId() {
        try (FeatureStore store = storeWithRows(1, TensorCodec.NPY)) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> store.readTensor(99));

            assertTrue(error.getMessage().contains("No row with id 99"), error.getMessage());
        }
    }

    @Test
    void mismatchedDimensionsInOneLayerAreRejected() {
        try (FeatureStore store = FeatureStore.open(folder.resolve("s.db"))) {
            try (FeatureWriter writer = store.writer(run())) {
                writer.add(FeatureRow.of(key(0), "a", new float[4], 1, 4));
                writer.add(FeatureRow.of(key(1), "a", new float[5], 1, 5));
            }

            FeatureStoreException error = assertThrows(FeatureStoreException.class,
                    () -> store.features(LAYER, POOLING));

            assertTrue(error.getMessage().contains("Row 2"), error.getMessage());
            assertTrue(error.getMessage().contains("dimension 5"), error.getMessage());
            assertTrue(error.getMessage().contains("row 1 has dimension 4"), error.getMessage());
        }
    }

    @Test
    void unpooledRowsAreRejectedAsNotVectors() {
        try (FeatureStore store = FeatureStore.open(folder.resolve("s.db"))) {
            try (FeatureWriter writer = store.writer(run())) {
                writer.add(FeatureRow.of(key(0), "a", new float[6], 2, 3));
            }

            FeatureStoreException error = assertThrows(FeatureStoreException.class,
                    () -> store.features(LAYER, POOLING));

            assertTrue(error.getMessage().contains("[2, 3]"), error.getMessage());
            assertTrue(error.getMessage().contains("not one vector"), error.getMessage());
        }
    }

    @Test
    void truncatedBlobErrorNamesRowLayerAndLengths() throws SQLException {
        Path file = folder.resolve("s.db");
        storeWithRows(2, TensorCodec.NPY).close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("UPDATE tensors SET tensor = substr(tensor, 1, length(tensor) - 4)"
                    + " WHERE id = 2");
        }

        try (FeatureStore store = FeatureStore.open(file)) {
            FeatureStoreException error = assertThrows(FeatureStoreException.class,
                    () -> store.readTensor(2));

            assertTrue(error.getMessage().contains("Row 2"), error.getMessage());
            assertTrue(error.getMessage().contains(LAYER), error.getMessage());
            assertTrue(error.getMessage().contains("has 8 bytes"), error.getMessage());
            assertTrue(error.getMessage().contains("needs 12 bytes"), error.getMessage());
        }
    }

    @Test
    void shapeColumnDisagreeingWithBlobIsRejected() throws SQLException {
        Path file = folder.resolve("s.db");
        storeWithRows(1, TensorCodec.TORCH).close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("UPDATE tensors SET shape = '[1, 8]' WHERE id = 1");
        }

        try (FeatureStore store = FeatureStore.open(file)) {
            FeatureStoreException error = assertThrows(FeatureStoreException.class,
                    () -> store.features(LAYER, POOLING));

            assertTrue(error.getMessage().contains("Row 1"), error.getMessage());
            assertTrue(error.getMessage().contains("has 12 data bytes"), error.getMessage());
            assertTrue(error.getMessage().contains("[1, 8] of float32 needs 32 bytes"),
                    error.getMessage());
        }
    }

    @Test
    void severalCallIndicesNeedASelection() {
        try (FeatureStore store = FeatureStore.open(folder.resolve("s.db"))) {
            try (FeatureWriter writer = store.writer(run())) {
                for (int call = 0; call < 2; call++) {
                    FeatureKey key = new FeatureKey("img-0", null, "", LAYER, POOLING, call);
                    writer.add(FeatureRow.of(key, "a", new float[] {call}, 1));
                }
            }

            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> store.features(LAYER, POOLING));
            FeatureMatrix second =
                    store.features(FeatureSelection.of(LAYER, POOLING).withCallIndex(1));

            assertTrue(error.getMessage().contains("[0, 1]"), error.getMessage());
            assertTrue(error.getMessage().contains("withCallIndex"), error.getMessage());
            assertEquals(1f, second.features().getFloat(0, 0), 0f);
        }
    }

    @Test
    void missingPairErrorListsStoredPairs() {
        try (FeatureStore store = storeWithRows(1, TensorCodec.NPY)) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> store.features(LAYER, "max"));

            assertTrue(error.getMessage().contains("No rows for layer"), error.getMessage());
            assertTrue(error.getMessage().contains(LAYER + " [mean]"), error.getMessage());
        }
    }

    @Test
    void readAfterCloseThrows() {
        FeatureStore store = storeWithRows(1, TensorCodec.NPY);
        store.close();
        store.close();

        IllegalStateException error = assertThrows(IllegalStateException.class,
                store::rowCount);

        assertTrue(error.getMessage().contains("is closed"), error.getMessage());
    }

    @Test
    void openReadOnlyReadsVlmLensDatabase() throws SQLException {
        Path file = folder.resolve("vlm-lens.db");
        writeVlmLensDatabase(file);

        try (FeatureStore store = FeatureStore.openReadOnly(file)) {
            List<LayerPooling> layers = store.layers();
            FeatureMatrix matrix = store.features(LAYER, null);

            assertEquals(List.of(new LayerPooling(LAYER, null)), layers);
            assertArrayEquals(new long[] {2, DIMENSION}, matrix.features().shape());
            assertArrayEquals(vector(1, DIMENSION), matrix.features().getRow(1).toFloatVector());
            assertEquals(List.of("0", "1"), matrix.labels());
            assertEquals(List.of("10", "11"), matrix.imageIds());
        }
    }

    @Test
    void openRejectsVlmLensDatabaseForWriting() throws SQLException {
        Path file = folder.resolve("vlm-lens.db");
        writeVlmLensDatabase(file);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> FeatureStore.open(file));

        assertTrue(error.getMessage().contains("openReadOnly"), error.getMessage());
    }

    @Test
    void readOnlyStoreRejectsWriter() {
        Path file = folder.resolve("s.db");
        storeWithRows(1, TensorCodec.NPY).close();

        try (FeatureStore store = FeatureStore.openReadOnly(file)) {
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> store.writer(run()));

            assertTrue(error.getMessage().contains("read-only"), error.getMessage());
        }
    }

    @Test
    void openReadOnlyRejectsMissingFile() {
        Path file = folder.resolve("absent.db");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> FeatureStore.openReadOnly(file));

        assertTrue(error.getMessage().contains("not found"), error.getMessage());
    }

    private FeatureStore storeWithRows(int rows, TensorCodec codec) {
        FeatureStore store = FeatureStore.open(folder.resolve("s.db"),
                StoreOptions.defaults().withCodec(codec));
        try (FeatureWriter writer = store.writer(run())) {
            for (int i = 0; i < rows; i++) {
                writer.add(row(i, DIMENSION));
            }
        }
        return store;
    }

    /**
     * Writes a database the way VLM-Lens does: its CREATE TABLE statement, integer image ids and
     * labels, NULL pooling, and {@code [1, d]} tensors in the torch.save layout.
     */
    private static void writeVlmLensDatabase(Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS tensors (id INTEGER PRIMARY KEY,"
                    + " name TEXT NOT NULL, architecture TEXT NOT NULL,"
                    + " timestamp DATETIME DEFAULT CURRENT_TIMESTAMP, image_path TEXT NULL,"
                    + " image_id INTEGER NULL, prompt TEXT NOT NULL, label TEXT NULL,"
                    + " layer TEXT NOT NULL, pooling_method TEXT NULL,"
                    + " tensor_dim INTEGER NOT NULL, tensor BLOB NOT NULL)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tensors"
                    + " (name, architecture, image_path, image_id, prompt, label, layer,"
                    + " pooling_method, tensor_dim, tensor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < 2; i++) {
                    StoredTensor tensor = StoredTensor.ofFloats(vector(i, DIMENSION), 1, DIMENSION);
                    insert.setString(1, "Qwen/Qwen2-VL-2B-Instruct");
                    insert.setString(2, "qwen");
                    insert.setString(3, "images/" + i + ".png");
                    insert.setInt(4, 10 + i);
                    insert.setString(5, StoreFixtures.PROMPT);
                    insert.setInt(6, i);
                    insert.setString(7, LAYER);
                    insert.setString(8, null);
                    insert.setInt(9, DIMENSION);
                    insert.setBytes(10, TensorCodec.TORCH.encode(tensor));
                    insert.executeUpdate();
                }
            }
        }
    }
}
