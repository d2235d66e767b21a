package org.lens4j.models.internvl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PositionGridTest {

    /** Float rounding of the double sums; the values involved are below 10. */
    private static final double TOLERANCE = 1e-6;

    @Test
    void sameSideReturnsCopy() {
        float[] table = {1, 2, 3, 4, 5, 6, 7, 8};

        float[] resized = PositionGrid.resize(table, 2, 2, 2);

        assertArrayEquals(table, resized);
        assertNotSame(table, resized);
    }

    @Test
    void constantTableStaysConstant() {
        float[] table = new float[3 * 3];
        java.util.Arrays.fill(table, 2.5f);

        float[] resized = PositionGrid.resize(table, 3, 5, 1);

        for (float value : resized) {
            assertEquals(2.5, value, TOLERANCE);
        }
    }

    @Test
    void downsamplingUsesCubicWeights() {
        // Table value 4y + x on a 4×4 grid, resized to 2×2. Output 0 samples source coordinate
        // (0 + 0.5)·4/2 − 0.5 = 0.5, so t = 0.5 and the taps are rows −1 (clamped to 0), 0, 1, 2
        // with the a = −0.75 kernel weights k(1.5), k(0.5), k(0.5), k(1.5) = −0.09375, 0.59375,
        // 0.59375, −0.09375. Along one axis that gives 0.59375·1 − 0.09375·2 = 0.40625.
        float[] table = new float[16];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                table[y * 4 + x] = 4 * y + x;
            }
        }
        double axis = 0.59375 * 1 - 0.09375 * 2;

        float[] resized = PositionGrid.resize(table, 4, 2, 1);

        assertEquals(4 * axis + axis, resized[0], TOLERANCE);
    }

    @Test
    void wrongTableLengthIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> PositionGrid.resize(new float[5], 2, 3, 1));
    }
}
