package org.lens4j.models.llava;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.capture.TokenType;
import org.lens4j.core.checkpoint.Checkpoint;
import org.lens4j.core.checkpoint.SafetensorsCheckpoint;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.testing.GoldenInputs;
import org.lens4j.models.testing.GoldenParity;
import org.lens4j.models.testing.OutputRecorder;

class LlavaBatchTest {

    /** Relative L2 bound per row, as for the golden case (measured 9.3e-7 there). */
    static final double TOLERANCE = 1e-4;

    private static final Path FOLDER = SharedData.golden("llava-single");
    private static final String HIDDEN = "language_model.model";
    private static final int PADDED = 2;

    /**
     * Runs the golden item twice in one batch, the second copy with its last tokens masked as right
     * padding: the first row must equal the golden output everywhere, and the second row at every
     * position before the padding, since causal attention never looks ahead.
     */
    @Test
    void rightPaddedBatchMatchesGoldenRows() {
        try (NDManager manager = LensRuntime.newManager();
                Checkpoint golden = SafetensorsCheckpoint.open(FOLDER.resolve("activations.safetensors"));
                HookedModel model = new LlavaAdapter().load(FOLDER, LoadOptions.defaults())) {
            ModelInputs single = GoldenInputs.read(FOLDER, manager);
            NDArray ids = single.require(ModelInputs.INPUT_IDS);
            int length = (int) ids.getShape().get(1);
            long[] mask = new long[2 * length];
            Arrays.fill(mask, 1L);
            for (int col = length - PADDED; col < length; col++) {
                mask[length + col] = 0L;
            }
            NDArray pixels = single.require(ModelInputs.PIXEL_VALUES);
            ModelInputs batch = ModelInputs.of(Map.of(
                    ModelInputs.INPUT_IDS, NDArrays.concat(new NDList(ids, ids), 0),
                    ModelInputs.ATTENTION_MASK, manager.create(mask).reshape(2, length),
                    ModelInputs.PIXEL_VALUES, NDArrays.concat(new NDList(pixels, pixels), 0)));

            OutputRecorder hooks = new OutputRecorder();
            SequenceInfo info = model.forward(batch, hooks);

            float[] expected = golden.readFloats(HIDDEN);
            float[] actual = hooks.outputs().get(HIDDEN).get(0).values();
            int width = expected.length / length;
            float[] firstRow = Arrays.copyOfRange(actual, 0, length * width);
            float[] secondRowKept = Arrays.copyOfRange(actual, length * width, (2 * length - PADDED) * width);
            float[] expectedKept = Arrays.copyOfRange(expected, 0, (length - PADDED) * width);
            assertTrue(GoldenParity.relativeError(firstRow, expected) <= TOLERANCE, "first row");
            assertTrue(GoldenParity.relativeError(secondRowKept, expectedKept) <= TOLERANCE, "second row");
            assertArrayEquals(new int[] {1, 1}, info.imagesPerItem());
            assertEquals(TokenType.SPECIAL, info.tokenTypes()[1][length - 1]);
            assertEquals(TokenType.TEXT, info.tokenTypes()[0][length - 1]);
        }
    }
}
