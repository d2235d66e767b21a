package org.lens4j.models.blocks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.checkpoint.SafetensorsCheckpoint;
import org.lens4j.core.checkpoint.SafetensorsWriter;
import org.lens4j.core.checkpoint.TensorData;
import org.lens4j.core.module.LayoutAlias;

class WeightSourcesTest {

    /**
     * Bound on the sample standard deviation of 100,000 normal values around 0.02: its standard
     * error is 0.02 / sqrt(2 · 100,000) ≈ 4.5e-5, so 5e-4 is more than ten standard errors.
     */
    private static final double STD_TOLERANCE = 5e-4;

    @Test
    void randomValuesDependOnSeedAndNameOnly() {
        try (NDManager manager = LensRuntime.newManager()) {
            Shape shape = new Shape(4, 5);
            RandomWeights seven = RandomWeights.withSeed(7);

            float[] first = seven.load(manager, "a.weight", shape, WeightInit.NORMAL).toFloatArray();
            seven.load(manager, "b.weight", shape, WeightInit.NORMAL);
            float[] again = seven.load(manager, "a.weight", shape, WeightInit.NORMAL).toFloatArray();
            float[] otherSeed = RandomWeights.withSeed(8).load(manager, "a.weight", shape, WeightInit.NORMAL)
                    .toFloatArray();

            assertArrayEquals(first, again, 0f);
            assertFalse(java.util.Arrays.equals(first, otherSeed));
        }
    }

    @Test
    void randomNormalHasRequestedSpread() {
        try (NDManager manager = LensRuntime.newManager()) {
            float[] values = RandomWeights.withSeed(3).load(manager, "w", new Shape(100_000), WeightInit.NORMAL)
                    .toFloatArray();

            double mean = 0;
            for (float v : values) {
                mean += v / (double) values.length;
            }
            double variance = 0;
            for (float v : values) {
                variance += (v - mean) * (v - mean) / values.length;
            }
            assertEquals(RandomWeights.DEFAULT_STD, Math.sqrt(variance), STD_TOLERANCE);
        }
    }

    @Test
    void randomBiasesAreZeroAndNormsOne() {
        try (NDManager manager = LensRuntime.newManager()) {
            RandomWeights weights = RandomWeights.withSeed(1);

            assertArrayEquals(new float[3], weights.load(manager, "b", new Shape(3), WeightInit.ZEROS).toFloatArray());
            assertArrayEquals(new float[] {1f, 1f}, weights.load(manager, "n", new Shape(2), WeightInit.ONES)
                    .toFloatArray());
        }
    }

    @Test
    void checkpointShapeMismatchNamesBothShapes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, Map.of("proj.weight", TensorData.ofFloats(new long[] {2, 3}, new float[6])));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file);
             NDManager manager = LensRuntime.newManager()) {
            CheckpointWeights weights = new CheckpointWeights(checkpoint, List.of(), "test");

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> weights.load(manager, "proj.weight", new Shape(3, 2), WeightInit.NORMAL));

            assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
            assertTrue(e.getMessage().contains("(3, 2)"), e.getMessage());
        }
    }

    @Test
    void checkpointFindsAliasSpelling(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, Map.of(
                "model.language_model.norm.weight", TensorData.ofFloats(new long[] {2}, new float[] {1f, 2f}),
                "extra", TensorData.ofFloats(new long[] {1}, new float[] {0f})));
        List<LayoutAlias> aliases = List.of(new LayoutAlias("new", "model.language_model.", "model."));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file);
             NDManager manager = LensRuntime.newManager()) {
            CheckpointWeights weights = new CheckpointWeights(checkpoint, aliases, "test");

            float[] norm = weights.load(manager, "model.norm.weight", new Shape(2), WeightInit.ONES).toFloatArray();

            assertArrayEquals(new float[] {1f, 2f}, norm, 0f);
            assertEquals(Set.of("extra"), weights.unreadNames());
        }
    }

    @Test
    void missingCheckpointTensorIsNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, Map.of("a", TensorData.ofFloats(new long[] {1}, new float[] {0f})));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(file);
             NDManager manager = LensRuntime.newManager()) {
            CheckpointWeights weights = new CheckpointWeights(checkpoint, List.of(), "test");

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> weights.load(manager, "lm_head.weight", new Shape(1), WeightInit.NORMAL));

            assertTrue(e.getMessage().contains("lm_head.weight"), e.getMessage());
        }
    }
}
