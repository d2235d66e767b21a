package org.lens4j.models.internvl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.lens4j.core.LensRuntime;

class PixelShuffleTest {

    private static final int SIDE = 4;
    private static final int CHANNELS = 3;
    private static final int FACTOR = 2;

    @Test
    void blockChannelsHoldNeighbouringPatches() {
        try (NDManager manager = LensRuntime.newManager()) {
            float[] out = PixelShuffle.apply(grid(manager), FACTOR, false).toFloatArray();

            int outSide = SIDE / FACTOR;
            int width = FACTOR * FACTOR * CHANNELS;
            for (int r = 0; r < outSide; r++) {
                for (int c = 0; c < outSide; c++) {
                    for (int dr = 0; dr < FACTOR; dr++) {
                        for (int dc = 0; dc < FACTOR; dc++) {
                            for (int k = 0; k < CHANNELS; k++) {
                                int channel = (dr * FACTOR + dc) * CHANNELS + k;
                                float expected = value(FACTOR * r + dr, FACTOR * c + dc, k);
                                assertEquals(expected, out[(r * outSide + c) * width + channel],
                                        "token (" + r + ", " + c + ") channel " + channel);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void transposedVariantSwapsTokenGrid() {
        try (NDManager manager = LensRuntime.newManager()) {
            NDArray plain = PixelShuffle.apply(grid(manager), FACTOR, false);
            NDArray transposed = PixelShuffle.apply(grid(manager), FACTOR, true);

            assertEquals(plain.transpose(0, 2, 1, 3), transposed);
        }
    }

    @Test
    void outputShapeMergesBlocks() {
        try (NDManager manager = LensRuntime.newManager()) {
            NDArray out = PixelShuffle.apply(grid(manager), FACTOR, false);

            assertArrayEquals(new long[] {1, 2, 2, 12}, out.getShape().getShape());
        }
    }

    @Test
    void halfRatioMeansFactorTwo() {
        assertEquals(2, PixelShuffle.factor(0.5, 4));
    }

    @Test
    void fractionalInverseRatioIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> PixelShuffle.factor(0.3, 4));

        assertTrue(error.getMessage().contains("downsample_ratio 0.3"), error.getMessage());
    }

    @Test
    void factorMustDivideGrid() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> PixelShuffle.factor(0.5, 3));

        assertTrue(error.getMessage().contains("3-patch side"), error.getMessage());
    }

    @Test
    void nonSquareTokenCountIsRejected() {
        try (NDManager manager = LensRuntime.newManager()) {
            NDArray tokens = manager.zeros(new Shape(1, 6, CHANNELS));

            assertThrows(IllegalArgumentException.class, () -> PixelShuffle.apply(tokens, FACTOR, false));
        }
    }

    /** Tokens {@code [1, SIDE², CHANNELS]} in raster order holding {@link #value}. */
    private static NDArray grid(NDManager manager) {
        float[] values = new float[SIDE * SIDE * CHANNELS];
        for (int row = 0; row < SIDE; row++) {
            for (int col = 0; col < SIDE; col++) {
                for (int k = 0; k < CHANNELS; k++) {
                    values[(row * SIDE + col) * CHANNELS + k] = value(row, col, k);
                }
            }
        }
        return manager.create(values, new Shape(1, SIDE * SIDE, CHANNELS));
    }

    private static float value(int row, int col, int channel) {
        return row * 100 + col * 10 + channel;
    }
}
