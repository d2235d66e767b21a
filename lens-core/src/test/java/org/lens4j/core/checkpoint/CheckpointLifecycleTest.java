package org.lens4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.core.LensRuntime;

class CheckpointLifecycleTest {

    private static NDManager manager;

    @TempDir
    Path dir;

    private Path file;

    @BeforeAll
    static void startEngine() {
        manager = LensRuntime.newManager();
    }

    @AfterAll
    static void stopEngine() {
        manager.close();
    }

    @BeforeEach
    void writeFile() throws IOException {
        file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, Map.of(
                "model.layers.0.mlp.up_proj.weight", TensorData.ofFloats(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}),
                "model.layers.1.mlp.up_proj.weight", TensorData.ofFloats(new long[] {1}, new float[] {7}),
                "scale", TensorData.ofFloats(new long[0], new float[] {0.5f}),
                "ids", TensorData.ofLongs(new long[] {3}, new long[] {4, 5, 6})));
    }

    @Test
    void loadGivesShapeAndValues() {
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file);
                NDArray array = checkpoint.load(manager, "model.layers.0.mlp.up_proj.weight")) {
            assertArrayEquals(new long[] {2, 3}, array.getShape().getShape());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, array.toFloatArray());
        }
    }

    @Test
    void loadedArrayOutlivesCheckpoint() {
        NDArray array;
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            array = checkpoint.load(manager, "model.layers.0.mlp.up_proj.weight");
        }
        try (array) {
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, array.toFloatArray());
        }
    }

    @Test
    void loadedArrayIsWritable() {
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file);
                NDArray array = checkpoint.load(manager, "model.layers.0.mlp.up_proj.weight")) {
            array.addi(1f);
            assertArrayEquals(new float[] {2, 3, 4, 5, 6, 7}, array.toFloatArray());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, checkpoint.readFloats("model.layers.0.mlp.up_proj.weight"));
        }
    }

    @Test
    void scalarLoads() {
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file);
                NDArray array = checkpoint.load(manager, "scale")) {
            assertEquals(0, array.getShape().dimension());
            assertEquals(0.5f, array.getFloat());
        }
    }

    @Test
    void scalarRowsRejected() {
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> checkpoint.loadRows(manager, "scale", 0, 1));
            assertTrue(e.getMessage().contains("scalar"), e.getMessage());
        }
    }

    @Test
    void rowsLoad() {
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file);
                NDArray rows = checkpoint.loadRows(manager, "model.layers.0.mlp.up_proj.weight", 1, 2)) {
            assertArrayEquals(new long[] {1, 3}, rows.getShape().getShape());
            assertArrayEquals(new float[] {4, 5, 6}, rows.toFloatArray());
        }
    }

    @Test
    void missingNameListsClosest() {
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> checkpoint.info("model.layers.0.mlp.up_proj.weights"));
            assertTrue(e.getMessage().contains("'model.layers.0.mlp.up_proj.weights' not found"), e.getMessage());
            assertTrue(e.getMessage().contains("closest names: [model.layers.0.mlp.up_proj.weight, model.layers.1"), e.getMessage());
        }
    }

    @Test
    void longsOfFloatTensorRejected() {
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> checkpoint.readLongs("scale"));
            assertTrue(e.getMessage().contains("floating-point") && e.getMessage().contains("readFloats"), e.getMessage());
        }
    }

    @Test
    void closeIsIdempotent() {
        SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file);
        checkpoint.close();
        assertDoesNotThrow(checkpoint::close);
    }

    @Test
    void useAfterCloseRejected() {
        SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file);
        checkpoint.close();
        IllegalStateException names = assertThrows(IllegalStateException.class, checkpoint::names);
        assertTrue(names.getMessage().contains("closed"), names.getMessage());
        assertThrows(IllegalStateException.class, () -> checkpoint.readFloats("scale"));
        assertThrows(IllegalStateException.class, () -> checkpoint.load(manager, "scale"));
        assertThrows(IllegalStateException.class, () -> checkpoint.contains("scale"));
    }

    @Test
    void tensorInfoDescribesStorage() {
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file)) {
            TensorInfo info = checkpoint.info("ids");
            assertEquals(TensorDType.I64, info.dtype());
            assertEquals(3, info.elementCount());
            assertEquals(24, info.end() - info.begin());
            assertEquals(file.toAbsolutePath(), info.file());
        }
    }
}
