package org.lens4j.models.qwen2vl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.checkpoint.SafetensorsCheckpoint;
import org.lens4j.core.checkpoint.SafetensorsWriter;
import org.lens4j.core.checkpoint.TensorData;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.qwen2vl.Qwen2VLModels;
import org.lens4j.models.testing.Goldens;
import org.lens4j.models.testing.Parity;
import org.lens4j.models.testing.RecordingHooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class QwenVLGoldenParityTest {

    private static final Logger LOG = LoggerFactory.getLogger(QwenVLGoldenParityTest.class);

    /**
     * The goldens' bound on ‖out − ref‖₂ / ‖ref‖₂ per module. Measured worst per case: 9.9e-7
     * (qwen2_vl-single), 9.6e-7 (bf16-sharded), 1.0e-6 (batch-leftpad), 1.1e-6 (qwen2_5_vl-single).
     */
    static final double TOLERANCE = 1e-4;

    private static final String LEFT_PAD = "qwen2_vl-batch-leftpad";

    @ParameterizedTest
    @ValueSource(strings = {"qwen2_vl-single", "qwen2_vl-bf16-sharded", "qwen2_5_vl-single"})
    void everyModuleMatchesGolden(String name) {
        Path dir = SharedData.golden(name);
        Map<String, RecordingHooks.Tensor> golden = Goldens.activations(dir);
        RecordingHooks hooks = run(dir, RecordingHooks.all(), null);

        assertMatches(name, golden, hooks, module -> true, null);
    }

    @Test
    void leftPadVisionAndEmbeddingsMatch() {
        Path dir = SharedData.golden(LEFT_PAD);
        Map<String, RecordingHooks.Tensor> golden = Goldens.activations(dir);
        RecordingHooks hooks = run(dir, RecordingHooks.all(), null);

        assertMatches(LEFT_PAD, golden, hooks, m -> m.startsWith("visual") || m.equals("model.embed_tokens"), null);
    }

    /**
     * The reference recorded this case as the second forward call on the model object of
     * {@code qwen2_vl-single}. transformers 4.47 keeps {@code rope_deltas} from the first call and,
     * without {@code cache_position}, then gives every row the positions 0, 1, …, L − 1 on all three
     * coordinates instead of the image's M-RoPE positions. Reproducing those positions checks the
     * decoder arithmetic on the padded batch; the library's own positions are checked by
     * {@link #leftPaddedRowsMatchEachRowAlone()}.
     */
    @Test
    void leftPadDecoderMatchesWithReferencePositions() {
        Path dir = SharedData.golden(LEFT_PAD);
        Map<String, RecordingHooks.Tensor> golden = Goldens.activations(dir);
        long[][] mask;
        try (NDManager manager = LensRuntime.newManager()) {
            mask = toRows(Goldens.inputs(dir, manager).require(ModelInputs.ATTENTION_MASK).toLongArray(), 2);
        }
        RecordingHooks hooks = run(dir, RecordingHooks.all(), QwenVLGoldenParityTest::sequentialPositions);

        assertMatches(LEFT_PAD, golden, hooks, m -> m.equals("model") || m.startsWith("model.") || m.equals("lm_head"),
                mask);
    }

    @Test
    void leftPaddedRowsMatchEachRowAlone() {
        Path dir = SharedData.golden(LEFT_PAD);
        try (QwenVLModel model = (QwenVLModel) Qwen2VLModels.load(dir); NDManager manager = LensRuntime.newManager()) {
            ModelInputs batch = Goldens.inputs(dir, manager);
            RecordingHooks together = RecordingHooks.only(List.of("lm_head", "model.layers.2"));
            model.forward(batch, together);

            long[][] mask = toRows(batch.require(ModelInputs.ATTENTION_MASK).toLongArray(), 2);
            long[][] ids = toRows(batch.require(ModelInputs.INPUT_IDS).toLongArray(), 2);
            long[][] grids = toRows(batch.require(QwenVLModel.IMAGE_GRID_THW).toLongArray(), 2);
            float[] pixels = batch.require(ModelInputs.PIXEL_VALUES).toFloatArray();
            int width = Math.toIntExact(batch.require(ModelInputs.PIXEL_VALUES).getShape().get(1));
            int firstRows = Math.toIntExact(grids[0][0] * grids[0][1] * grids[0][2]);
            for (int row = 0; row < 2; row++) {
                long[] rowIds = ids[row];
                long[] realIds = Arrays.stream(range(mask[row])).mapToLong(i -> rowIds[i]).toArray();
                int from = row == 0 ? 0 : firstRows * width;
                int to = row == 0 ? firstRows * width : pixels.length;
                ModelInputs alone = ModelInputs.of(Map.of(
                        ModelInputs.INPUT_IDS, manager.create(realIds).reshape(1, realIds.length),
                        ModelInputs.PIXEL_VALUES, manager.create(Arrays.copyOfRange(pixels, from, to))
                                .reshape((to - from) / width, width),
                        QwenVLModel.IMAGE_GRID_THW, manager.create(grids[row]).reshape(1, 3)));
                RecordingHooks single = RecordingHooks.only(List.of("lm_head", "model.layers.2"));
                model.forward(alone, single);

                for (String module : List.of("model.layers.2", "lm_head")) {
                    float[] batched = rowSlice(together.output(module), row, range(mask[row]));
                    float[] expected = single.output(module).values();
                    double error = Parity.relativeError(batched, expected, null);
                    assertTrue(error <= TOLERANCE, module + " row " + row + ": relative error " + error);
                }
            }
        }
    }

    @Test
    void newLayoutCheckpointMatchesGolden(@TempDir Path copy) throws IOException {
        Path dir = SharedData.golden("qwen2_vl-single");
        Map<String, TensorData> renamed = new LinkedHashMap<>();
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(dir)) {
            for (String name : checkpoint.names()) {
                String newName = name.startsWith("visual.") ? "model." + name
                        : name.startsWith("model.") ? "model.language_model." + name.substring("model.".length()) : name;
                renamed.put(newName, TensorData.ofFloats(checkpoint.info(name).shape(), checkpoint.readFloats(name)));
            }
        }
        SafetensorsWriter.write(copy.resolve("model.safetensors"), renamed);
        Files.copy(dir.resolve("config.json"), copy.resolve("config.json"));
        Files.copy(dir.resolve("inputs.safetensors"), copy.resolve("inputs.safetensors"));

        RecordingHooks hooks = run(copy, RecordingHooks.all(), null);

        assertMatches("qwen2_vl-single in the new layout", Goldens.activations(dir), hooks, m -> true, null);
    }

    @Test
    void repeatedForwardGivesIdenticalCaptures() {
        Path dir = SharedData.golden("qwen2_vl-single");
        try (var model = Qwen2VLModels.load(dir); NDManager manager = LensRuntime.newManager()) {
            ModelInputs inputs = Goldens.inputs(dir, manager);
            RecordingHooks first = RecordingHooks.all();
            RecordingHooks second = RecordingHooks.all();
            model.forward(inputs, first);
            model.forward(inputs, second);

            assertEquals(first.outputs().keySet(), second.outputs().keySet());
            for (String module : first.outputs().keySet()) {
                assertArrayEquals(first.output(module).values(), second.output(module).values(), 0f, module);
            }
        }
    }

    private static RecordingHooks run(Path dir, RecordingHooks hooks, QwenVLModel.PositionSource positions) {
        try (QwenVLModel model = (QwenVLModel) Qwen2VLModels.load(dir); NDManager manager = LensRuntime.newManager()) {
            if (positions != null) {
                model.setPositionSource(positions);
            }
            ModelInputs inputs = Goldens.inputs(dir, manager);
            long started = System.nanoTime();
            model.forward(inputs, hooks);
            LOG.info("{}: forward with every module hooked took {} ms", dir.getFileName(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return hooks;
    }

    /** Returns the positions transformers 4.47 used on a second call: 0 … L − 1 on every row and coordinate. */
    private static long[][][] sequentialPositions(long[][] ids, long[][] mask, RopeIndex.Result computed) {
        long[][][] positions = new long[3][ids.length][];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < ids.length; b++) {
                positions[a][b] = java.util.stream.LongStream.range(0, ids[b].length).toArray();
            }
        }
        return positions;
    }

    private static void assertMatches(String name, Map<String, RecordingHooks.Tensor> golden, RecordingHooks hooks,
            Predicate<String> compared, long[][] mask) {
        List<String> failures = new ArrayList<>();
        String worstModule = null;
        double worst = -1;
        int count = 0;
        for (Map.Entry<String, RecordingHooks.Tensor> entry : golden.entrySet()) {
            String module = entry.getKey();
            if (!compared.test(module)) {
                continue;
            }
            RecordingHooks.Tensor expected = entry.getValue();
            List<RecordingHooks.Tensor> calls = hooks.outputs().get(module);
            if (calls == null) {
                failures.add(module + ": never reported");
                continue;
            }
            RecordingHooks.Tensor actual = calls.get(0);
            if (!Arrays.equals(actual.shape(), expected.shape())) {
                failures.add(module + ": shape " + Arrays.toString(actual.shape()) + ", expected "
                        + Arrays.toString(expected.shape()));
                continue;
            }
            boolean[] keep = mask == null ? null : keepMask(module, expected.shape(), mask);
            double error = Parity.relativeError(actual.values(), expected.values(), keep);
            count++;
            if (error > worst) {
                worst = error;
                worstModule = module;
            }
            if (!(error <= TOLERANCE)) {
                failures.add("relative error " + error + " > " + TOLERANCE + "; "
                        + Parity.firstMismatch(module, expected.shape(), actual.values(), expected.values(), keep));
            }
        }
        LOG.info("{}: {} modules compared, worst {} at {}", name, count, worst, worstModule);
        assertTrue(count > 0, name + ": no module compared");
        assertTrue(failures.isEmpty(), name + ": " + failures.size() + " modules differ:\n" + String.join("\n", failures));
    }

    /** Keeps positions whose sequence index is a real token; the sequence axes are the two before the last. */
    private static boolean[] keepMask(String module, long[] shape, long[][] mask) {
        int elements = Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
        boolean[] keep = new boolean[elements];
        int batchAxis = shape.length - 3;
        long inner = shape[shape.length - 1];
        for (int i = 0; i < elements; i++) {
            long rest = i / inner;
            int position = Math.toIntExact(rest % shape[batchAxis + 1]);
            int row = Math.toIntExact((rest / shape[batchAxis + 1]) % shape[batchAxis]);
            keep[i] = mask[row][position] == 1;
        }
        return keep;
    }

    private static int[] range(long[] maskRow) {
        return java.util.stream.IntStream.range(0, maskRow.length).filter(i -> maskRow[i] == 1).toArray();
    }

    private static float[] rowSlice(RecordingHooks.Tensor tensor, int row, int[] positions) {
        long[] shape = tensor.shape();
        int length = Math.toIntExact(shape[1]);
        int width = Math.toIntExact(shape[2]);
        float[] out = new float[positions.length * width];
        for (int k = 0; k < positions.length; k++) {
            System.arraycopy(tensor.values(), (row * length + positions[k]) * width, out, k * width, width);
        }
        return out;
    }

    private static long[][] toRows(long[] flat, int rows) {
        int width = flat.length / rows;
        long[][] out = new long[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(flat, r * width, (r + 1) * width);
        }
        return out;
    }
}
