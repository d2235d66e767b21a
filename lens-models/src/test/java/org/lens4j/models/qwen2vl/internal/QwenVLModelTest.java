package org.lens4j.models.qwen2vl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.capture.TokenType;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.qwen2vl.Qwen2VLModels;
import org.lens4j.models.testing.Goldens;
import org.lens4j.models.testing.RecordingHooks;

class QwenVLModelTest {

    private static final Path SINGLE = SharedData.golden("qwen2_vl-single");
    private static final Path LEFT_PAD = SharedData.golden("qwen2_vl-batch-leftpad");
    private static final Path QWEN25 = SharedData.golden("qwen2_5_vl-single");

    @Test
    void forwardLeavesNoArraysBehind() {
        try (QwenVLModel model = (QwenVLModel) Qwen2VLModels.load(LEFT_PAD); NDManager manager = LensRuntime.newManager()) {
            ModelInputs inputs = Goldens.inputs(LEFT_PAD, manager);
            model.forward(inputs, RecordingHooks.all());
            int before = model.managedArrayCount();
            int inputArrays = manager.getManagedArrays().size();

            model.forward(inputs, RecordingHooks.all());
            model.forward(inputs, ForwardHooks.NONE);

            assertEquals(before, model.managedArrayCount());
            assertEquals(inputArrays, manager.getManagedArrays().size());
        }
    }

    @Test
    void sequenceInfoMarksImageAndSpecialTokens() {
        try (var model = Qwen2VLModels.load(LEFT_PAD); NDManager manager = LensRuntime.newManager()) {
            SequenceInfo info = model.forward(Goldens.inputs(LEFT_PAD, manager), ForwardHooks.NONE);

            // Row 0 of the golden input: 10 pads, then 1 2 <vision_start> <image>x6 <vision_end> 5 6 7.
            assertEquals(TokenType.SPECIAL, info.tokenTypes()[0][0]);
            assertEquals(0, info.attentionMask()[0][0]);
            assertEquals(TokenType.TEXT, info.tokenTypes()[0][10]);
            assertEquals(TokenType.SPECIAL, info.tokenTypes()[0][12]);
            assertEquals(TokenType.IMAGE, info.tokenTypes()[0][13]);
            assertEquals(TokenType.SPECIAL, info.tokenTypes()[0][19]);
            assertArrayEquals(new int[] {1, 1}, info.imagesPerItem());
        }
    }

    @Test
    void imageRowsFollowImageGrids() {
        try (var model = Qwen2VLModels.load(LEFT_PAD); NDManager manager = LensRuntime.newManager()) {
            SequenceInfo info = model.forward(Goldens.inputs(LEFT_PAD, manager), ForwardHooks.NONE);

            // Grids 1x4x6 (24 patches) and 1x8x8 (64 patches); merge factor 4.
            assertArrayEquals(new int[][] {{0, 24}, {24, 88}}, info.imageRows().rangesFor("visual.blocks.0.norm2"));
            assertArrayEquals(new int[][] {{0, 6}, {6, 22}}, info.imageRows().rangesFor("visual.merger.mlp.2"));
            assertEquals(4, info.imageRows().mergeFactor());
        }
    }

    @Test
    void unhookedDecoderIsSkipped() {
        try (var model = Qwen2VLModels.load(SINGLE); NDManager manager = LensRuntime.newManager()) {
            RecordingHooks hooks = RecordingHooks.only(List.of("visual.blocks.1.norm2", "model.layers.0.mlp"));

            model.forward(Goldens.inputs(SINGLE, manager), hooks);

            assertEquals(List.of("visual.blocks.1.norm2", "model.layers.0.mlp"), List.copyOf(hooks.outputs().keySet()));
        }
    }

    @Test
    void selectedModulesMatchFullRun() {
        try (var model = Qwen2VLModels.load(QWEN25); NDManager manager = LensRuntime.newManager()) {
            ModelInputs inputs = Goldens.inputs(QWEN25, manager);
            RecordingHooks all = RecordingHooks.all();
            RecordingHooks few = RecordingHooks.only(List.of("visual.blocks.1", "model.layers.1.post_attention_layernorm"));

            model.forward(inputs, all);
            model.forward(inputs, few);

            for (String module : few.outputs().keySet()) {
                assertArrayEquals(all.output(module).values(), few.output(module).values(), 0f, module);
            }
        }
    }

    @Test
    void imageTokenCountMismatchIsRejected() {
        try (var model = Qwen2VLModels.load(SINGLE); NDManager manager = LensRuntime.newManager()) {
            Map<String, NDArray> tensors = tensors(Goldens.inputs(SINGLE, manager));
            long[] ids = tensors.get(ModelInputs.INPUT_IDS).toLongArray();
            ids[4] = 5;
            tensors.put(ModelInputs.INPUT_IDS, manager.create(ids).reshape(1, ids.length));
            tensors.remove(ModelInputs.ATTENTION_MASK);

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.forward(ModelInputs.of(tensors), ForwardHooks.NONE));

            assertTrue(e.getMessage().contains("image token"), e.getMessage());
        }
    }

    @Test
    void pixelRowsMismatchIsRejected() {
        try (var model = Qwen2VLModels.load(SINGLE); NDManager manager = LensRuntime.newManager()) {
            Map<String, NDArray> tensors = tensors(Goldens.inputs(SINGLE, manager));
            tensors.put(ModelInputs.PIXEL_VALUES, tensors.get(ModelInputs.PIXEL_VALUES).get("0:20, :"));

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.forward(ModelInputs.of(tensors), ForwardHooks.NONE));

            assertTrue(e.getMessage().contains("pixel_values"), e.getMessage());
            assertTrue(e.getMessage().contains("(24, 1176)"), e.getMessage());
        }
    }

    @Test
    void missingGridIsRejected() {
        try (var model = Qwen2VLModels.load(SINGLE); NDManager manager = LensRuntime.newManager()) {
            Map<String, NDArray> tensors = tensors(Goldens.inputs(SINGLE, manager));
            tensors.remove(QwenVLModel.IMAGE_GRID_THW);

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.forward(ModelInputs.of(tensors), ForwardHooks.NONE));

            assertTrue(e.getMessage().contains("image_grid_thw"), e.getMessage());
        }
    }

    @Test
    void textOnlyInputRuns() {
        try (var model = Qwen2VLModels.load(SINGLE); NDManager manager = LensRuntime.newManager()) {
            NDArray ids = manager.create(new long[] {1, 2, 5, 6}).reshape(1, 4);
            RecordingHooks hooks = RecordingHooks.only(List.of("lm_head"));

            SequenceInfo info = model.forward(ModelInputs.of(Map.of(ModelInputs.INPUT_IDS, ids)), hooks);

            assertArrayEquals(new long[] {1, 4, 128}, hooks.output("lm_head").shape());
            assertArrayEquals(new int[] {0}, info.imagesPerItem());
        }
    }

    @Test
    void forwardAfterCloseIsRejected() {
        var model = Qwen2VLModels.load(SINGLE);
        model.close();
        model.close();

        try (NDManager manager = LensRuntime.newManager()) {
            ModelInputs inputs = Goldens.inputs(SINGLE, manager);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> model.forward(inputs, ForwardHooks.NONE));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        }
    }

    @Test
    void sameSeedGivesSameRandomModel() {
        try (var first = Qwen2VLModels.randomWeights(Qwen2VLModels.tinyConfig(), 7);
             var second = Qwen2VLModels.randomWeights(Qwen2VLModels.tinyConfig(), 7);
             var other = Qwen2VLModels.randomWeights(Qwen2VLModels.tinyConfig(), 8);
             NDManager manager = LensRuntime.newManager()) {
            ModelInputs inputs = tinyInputs(manager);
            List<String> modules = List.of("visual.blocks.31.norm2", "visual.merger.mlp.2",
                    "model.layers.27.post_attention_layernorm");
            RecordingHooks a = RecordingHooks.only(modules);
            RecordingHooks b = RecordingHooks.only(modules);
            RecordingHooks c = RecordingHooks.only(modules);

            first.forward(inputs, a);
            second.forward(inputs, b);
            other.forward(inputs, c);

            for (String module : modules) {
                assertArrayEquals(a.output(module).values(), b.output(module).values(), 0f, module);
                assertFalse(Arrays.equals(a.output(module).values(), c.output(module).values()), module);
            }
            assertArrayEquals(new long[] {16, 32}, a.output("visual.blocks.31.norm2").shape());
            assertArrayEquals(new long[] {1, 8, 64}, a.output("model.layers.27.post_attention_layernorm").shape());
        }
    }

    /** Builds one 56 × 56 image (grid 1 × 4 × 4, four merged tokens) in a short prompt of the tiny config. */
    private static ModelInputs tinyInputs(NDManager manager) {
        long[] ids = {151644, 872, 151652, 151655, 151655, 151655, 151655, 151653};
        float[] pixels = new float[16 * 1176];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) Math.sin(i * 0.37);
        }
        return ModelInputs.of(Map.of(
                ModelInputs.INPUT_IDS, manager.create(ids).reshape(1, ids.length),
                ModelInputs.PIXEL_VALUES, manager.create(pixels).reshape(16, 1176),
                QwenVLModel.IMAGE_GRID_THW, manager.create(new long[] {1, 4, 4}).reshape(1, 3)));
    }

    private static Map<String, NDArray> tensors(ModelInputs inputs) {
        Map<String, NDArray> out = new HashMap<>();
        for (String name : inputs.names()) {
            out.put(name, inputs.require(name));
        }
        return out;
    }
}
