package org.lens4j.core.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.capture.TokenType;
import org.lens4j.core.module.ModuleKind;

class PoolerTest {

    /** Float32 mean of three small integers; the rounding error is below 1e-6. */
    private static final float MEAN_TOLERANCE = 1e-5f;
    private static final String DECODER = "model.layers.0";
    private static final String VISION = "visual.blocks.0.norm2";

    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = LensRuntime.newManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void meanSkipsPaddedPositions() {
        NDArray hidden = tensor(new float[][][] {{{1, 0}, {3, 2}, {9, 9}, {9, 9}}});
        SequenceInfo info = textInfo(new long[] {1, 1, 0, 0});

        float[] mean = pool(hidden, ModuleKind.SEQUENCE, Pooling.MEAN, TokenSubset.ALL, info);

        assertArrayEquals(new float[] {2, 1}, mean, MEAN_TOLERANCE);
    }

    @Test
    void maxSkipsPaddedPositions() {
        NDArray hidden = tensor(new float[][][] {{{1, 0}, {3, 2}, {9, 9}, {9, 9}}});
        SequenceInfo info = textInfo(new long[] {1, 1, 0, 0});

        float[] max = pool(hidden, ModuleKind.SEQUENCE, Pooling.MAX, TokenSubset.ALL, info);

        assertArrayEquals(new float[] {3, 2}, max);
    }

    @Test
    void lastIgnoresLeftPadding() {
        NDArray hidden = tensor(new float[][][] {{{0}, {0}, {10}, {20}, {30}}});
        SequenceInfo info = textInfo(new long[] {0, 0, 1, 1, 1});

        assertArrayEquals(new float[] {30}, pool(hidden, ModuleKind.SEQUENCE, Pooling.LAST, TokenSubset.ALL, info));
    }

    @Test
    void firstIgnoresLeftPadding() {
        NDArray hidden = tensor(new float[][][] {{{0}, {0}, {10}, {20}, {30}}});
        SequenceInfo info = textInfo(new long[] {0, 0, 1, 1, 1});

        assertArrayEquals(new float[] {10}, pool(hidden, ModuleKind.SEQUENCE, Pooling.FIRST, TokenSubset.ALL, info));
    }

    @Test
    void lastIgnoresRightPadding() {
        NDArray hidden = tensor(new float[][][] {{{10}, {20}, {30}, {0}, {0}}});
        SequenceInfo info = textInfo(new long[] {1, 1, 1, 0, 0});

        assertArrayEquals(new float[] {30}, pool(hidden, ModuleKind.SEQUENCE, Pooling.LAST, TokenSubset.ALL, info));
    }

    @Test
    void firstIgnoresRightPadding() {
        NDArray hidden = tensor(new float[][][] {{{10}, {20}, {30}, {0}, {0}}});
        SequenceInfo info = textInfo(new long[] {1, 1, 1, 0, 0});

        assertArrayEquals(new float[] {10}, pool(hidden, ModuleKind.SEQUENCE, Pooling.FIRST, TokenSubset.ALL, info));
    }

    @Test
    void batchWithMixedPaddingPoolsEachItem() {
        // Item 0 is left-padded, item 1 right-padded; each keeps only its own real positions.
        NDArray hidden = tensor(new float[][][] {
            {{0}, {4}, {6}},
            {{1}, {3}, {100}}});
        SequenceInfo info = new SequenceInfo(new long[][] {{0, 1, 1}, {1, 1, 0}},
                new TokenType[][] {types(3, TokenType.TEXT), types(3, TokenType.TEXT)},
                SequenceInfo.ImageRows.NONE, new int[] {0, 0});

        NDArray mean = Pooler.pool(hidden, DECODER, ModuleKind.SEQUENCE, PoolingSpec.of(Pooling.MEAN), info);

        assertEquals(new Shape(2, 1), mean.getShape());
        assertArrayEquals(new float[] {5, 2}, mean.toFloatArray(), MEAN_TOLERANCE);
    }

    @Test
    void imageSubsetKeepsImageTokens() {
        NDArray hidden = tensor(new float[][][] {{{1}, {2}, {4}, {8}, {16}}});
        TokenType[] tokenTypes = {TokenType.SPECIAL, TokenType.IMAGE, TokenType.IMAGE, TokenType.TEXT,
            TokenType.SPECIAL};
        SequenceInfo info = new SequenceInfo(new long[][] {{1, 1, 1, 1, 1}}, new TokenType[][] {tokenTypes},
                SequenceInfo.ImageRows.NONE, new int[] {1});

        float[] image = pool(hidden, ModuleKind.SEQUENCE, Pooling.MEAN, TokenSubset.IMAGE, info);
        float[] text = pool(hidden, ModuleKind.SEQUENCE, Pooling.MEAN, TokenSubset.TEXT, info);
        float[] all = pool(hidden, ModuleKind.SEQUENCE, Pooling.MEAN, TokenSubset.ALL, info);

        assertArrayEquals(new float[] {3}, image, MEAN_TOLERANCE);
        assertArrayEquals(new float[] {8}, text, MEAN_TOLERANCE);
        assertArrayEquals(new float[] {31 / 5f}, all, MEAN_TOLERANCE);
    }

    @Test
    void threeTokenSequenceMaxMeanLast() {
        NDArray hidden = tensor(new float[][][] {{{1, 5}, {4, 2}, {3, 3}}});
        SequenceInfo info = textInfo(new long[] {1, 1, 1});

        assertArrayEquals(new float[] {4, 5}, pool(hidden, ModuleKind.SEQUENCE, Pooling.MAX, TokenSubset.ALL, info));
        assertArrayEquals(new float[] {8 / 3f, 10 / 3f},
                pool(hidden, ModuleKind.SEQUENCE, Pooling.MEAN, TokenSubset.ALL, info), MEAN_TOLERANCE);
        assertArrayEquals(new float[] {3, 3}, pool(hidden, ModuleKind.SEQUENCE, Pooling.LAST, TokenSubset.ALL, info));
    }

    @Test
    void threeDimensionalVisionPoolsEachImage() {
        NDArray patches = tensor(new float[][][] {{{1, 5}, {4, 2}, {3, 3}}});
        SequenceInfo info = textInfo(new long[] {1});

        assertArrayEquals(new float[] {4, 5}, pool(patches, ModuleKind.VISION, Pooling.MAX, TokenSubset.ALL, info));
        assertArrayEquals(new float[] {8 / 3f, 10 / 3f},
                pool(patches, ModuleKind.VISION, Pooling.MEAN, TokenSubset.IMAGE, info), MEAN_TOLERANCE);
        assertArrayEquals(new float[] {3, 3}, pool(patches, ModuleKind.VISION, Pooling.LAST, TokenSubset.ALL, info));
        assertArrayEquals(new float[] {1, 5}, pool(patches, ModuleKind.VISION, Pooling.FIRST, TokenSubset.ALL, info));
    }

    @Test
    void twoDimensionalVisionSplitsByImageRows() {
        NDArray patches = manager.arange(160f).reshape(20, 8);
        SequenceInfo info = visionInfo(new int[][] {{0, 16}, {16, 20}}, List.of(), 1);

        NDArray pooled = Pooler.pool(patches, VISION, ModuleKind.VISION, PoolingSpec.of(Pooling.MEAN), info);

        // Row r contains 8r .. 8r+7, so the mean of rows a..b-1 in column c is 8(a+b-1)/2 + c.
        assertEquals(new Shape(2, 8), pooled.getShape());
        assertArrayEquals(columnMeans(0, 16), pooled.get(0).toFloatArray(), MEAN_TOLERANCE);
        assertArrayEquals(columnMeans(16, 20), pooled.get(1).toFloatArray(), MEAN_TOLERANCE);
    }

    @Test
    void scaledModuleUsesMergedRanges() {
        NDArray merged = manager.arange(10f).reshape(5, 2);
        SequenceInfo info = visionInfo(new int[][] {{0, 16}, {16, 20}}, List.of("visual.merger"), 4);

        NDArray pooled = Pooler.pool(merged, "visual.merger", ModuleKind.VISION, PoolingSpec.of(Pooling.LAST), info);

        // Ranges divided by 4: [0, 4) and [4, 5), so the last rows are 3 and 4.
        assertArrayEquals(new float[] {6, 7, 8, 9}, pooled.toFloatArray());
    }

    @Test
    void noneReturnsTensorItself() {
        NDArray hidden = manager.ones(new Shape(1, 3, 2));

        NDArray pooled = Pooler.pool(hidden, DECODER, ModuleKind.SEQUENCE, PoolingSpec.NONE, textInfo(new long[] {1, 1, 1}));

        assertSame(hidden, pooled);
    }

    @Test
    void allPaddedInputIsRejected() {
        NDArray hidden = manager.ones(new Shape(1, 3, 2));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> pool(hidden, ModuleKind.SEQUENCE, Pooling.MEAN, TokenSubset.ALL, textInfo(new long[] {0, 0, 0})));

        assertTrue(error.getMessage().contains("input 0"), error.getMessage());
        assertTrue(error.getMessage().contains(DECODER), error.getMessage());
    }

    @Test
    void imageSubsetOnTextOnlyInputIsRejected() {
        NDArray hidden = manager.ones(new Shape(1, 3, 2));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> pool(hidden, ModuleKind.SEQUENCE, Pooling.MEAN, TokenSubset.IMAGE, textInfo(new long[] {1, 1, 1})));

        assertTrue(error.getMessage().contains("input 0 has no unpadded image tokens"), error.getMessage());
        assertTrue(error.getMessage().contains(DECODER), error.getMessage());
    }

    @Test
    void sequenceLengthMismatchIsRejected() {
        NDArray hidden = manager.ones(new Shape(1, 4, 2));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> pool(hidden, ModuleKind.SEQUENCE, Pooling.MEAN, TokenSubset.ALL, textInfo(new long[] {1, 1, 1})));

        assertTrue(error.getMessage().contains("[1, 4, 2]"), error.getMessage());
        assertTrue(error.getMessage().contains("length 3"), error.getMessage());
    }

    @Test
    void textSubsetOnVisionIsRejected() {
        NDArray patches = manager.ones(new Shape(1, 3, 2));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> pool(patches, ModuleKind.VISION, Pooling.MEAN, TokenSubset.TEXT, textInfo(new long[] {1})));

        assertTrue(error.getMessage().contains("token subset text"), error.getMessage());
    }

    @Test
    void twoDimensionalVisionWithoutRangesIsRejected() {
        NDArray patches = manager.ones(new Shape(20, 8));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> pool(patches, ModuleKind.VISION, Pooling.MEAN, TokenSubset.ALL, textInfo(new long[] {1})));

        assertTrue(error.getMessage().contains("no per-image row ranges"), error.getMessage());
    }

    @Test
    void rangeBeyondRowsIsRejected() {
        NDArray patches = manager.ones(new Shape(20, 8));
        SequenceInfo info = visionInfo(new int[][] {{0, 16}, {16, 24}}, List.of(), 1);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Pooler.pool(patches, VISION, ModuleKind.VISION, PoolingSpec.of(Pooling.MEAN), info));

        assertTrue(error.getMessage().contains("[16, 24)"), error.getMessage());
    }

    @Test
    void otherKindRejectsPooling() {
        NDArray output = manager.ones(new Shape(1, 4));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> pool(output, ModuleKind.OTHER, Pooling.MEAN, TokenSubset.ALL, textInfo(new long[] {1})));

        assertTrue(error.getMessage().contains("pooling none"), error.getMessage());
    }

    private float[] pool(NDArray tensor, ModuleKind kind, Pooling pooling, TokenSubset subset, SequenceInfo info) {
        String module = kind == ModuleKind.VISION ? VISION : DECODER;
        NDArray pooled = Pooler.pool(tensor, module, kind, PoolingSpec.of(pooling, subset), info);
        assertEquals(2, pooled.getShape().dimension(), "pooled shape " + pooled.getShape());
        return pooled.get(0).toFloatArray();
    }

    /** Creates a 3-D float32 array; DJL has no create(float[][][]). */
    private NDArray tensor(float[][][] values) {
        int rows = values[0].length;
        int columns = values[0][0].length;
        float[] flat = new float[values.length * rows * columns];
        int i = 0;
        for (float[][] matrix : values) {
            for (float[] row : matrix) {
                for (float value : row) {
                    flat[i++] = value;
                }
            }
        }
        return manager.create(flat, new Shape(values.length, rows, columns));
    }

    private static SequenceInfo textInfo(long[] mask) {
        return new SequenceInfo(new long[][] {mask}, new TokenType[][] {types(mask.length, TokenType.TEXT)},
                SequenceInfo.ImageRows.NONE, new int[] {0});
    }

    private static SequenceInfo visionInfo(int[][] ranges, List<String> scaled, int factor) {
        return new SequenceInfo(new long[][] {{1}}, new TokenType[][] {{TokenType.TEXT}},
                new SequenceInfo.ImageRows(ranges, scaled, factor), new int[] {ranges.length});
    }

    private static TokenType[] types(int length, TokenType type) {
        TokenType[] out = new TokenType[length];
        Arrays.fill(out, type);
        return out;
    }

    /** Column means of rows start..end-1 of arange(160).reshape(20, 8). */
    private static float[] columnMeans(int start, int end) {
        float[] out = new float[8];
        for (int column = 0; column < 8; column++) {
            out[column] = 8f * (start + end - 1) / 2f + column;
        }
        return out;
    }
}
