package org.lens4j.models.internvl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Pixel-shuffle downsampling of a square token grid, as InternVL and Aya Vision apply it before
 * their projectors: every {@code f × f} block of neighbouring patches becomes one token whose
 * channels are the block's patches in row-major order.
 *
 * <p>For output token {@code (r, c)} and block offset {@code (dr, dc)}, channel
 * {@code (dr·f + dc)·C + k} holds channel {@code k} of input patch {@code (f·r + dr, f·c + dc)}.
 * The transposed variant (InternVL's {@code ps_version} v1) emits the tokens in column-major order.
 *
 * <pre>
 * n tiles   g patches per side   f factor   C channels
 * </pre>
 */
public final class PixelShuffle {

    private static final double RATIO_TOLERANCE = 1e-9;

    private PixelShuffle() {
    }

    /**
     * Converts a downsample ratio (0.5) into the block side it implies (2).
     *
     * @throws IllegalArgumentException when {@code 1 / ratio} is not a positive integer that divides
     *     {@code gridSide}
     */
    public static int factor(double ratio, int gridSide) {
        double inverse = 1.0 / ratio;
        long rounded = Math.round(inverse);
        if (!(ratio > 0) || rounded < 1 || Math.abs(inverse - rounded) > RATIO_TOLERANCE) {
            throw new IllegalArgumentException("downsample_ratio " + ratio
                    + " is not the inverse of a positive integer; use for example 0.5");
        }
        checkFactor((int) rounded, gridSide);
        return (int) rounded;
    }

    /**
     * Checks that blocks of {@code factor × factor} patches tile a grid of {@code gridSide} patches.
     *
     * @throws IllegalArgumentException naming both values otherwise
     */
    public static void checkFactor(int factor, int gridSide) {
        if (factor < 1 || gridSide % factor != 0) {
            throw new IllegalArgumentException("a pixel-shuffle factor of " + factor + " does not divide the "
                    + gridSide + "-patch side of the vision grid; choose image and patch sizes whose grid is a"
                    + " multiple of the factor");
        }
    }

    /**
     * Shuffles {@code tokens [n, g·g, C]} (patches in raster order) into {@code [n, g/f, g/f, f²·C]}.
     *
     * @param transposed emit the token grid transposed (column-major), as {@code ps_version} v1 does
     * @throws IllegalArgumentException when the token count is not a square divisible by the factor
     */
    public static NDArray apply(NDArray tokens, int factor, boolean transposed) {
        Shape shape = tokens.getShape();
        long count = shape.get(1);
        int side = (int) Math.round(Math.sqrt(count));
        if (shape.dimension() != 3 || (long) side * side != count) {
            throw new IllegalArgumentException("pixel shuffle needs [tiles, g·g, channels] tokens, got "
                    + Arrays.toString(shape.getShape()));
        }
        checkFactor(factor, side);
        long n = shape.get(0);
        long channels = shape.get(2);
        long out = side / factor;

        NDArray blocks = tokens.reshape(n, out, factor, out, factor, channels); // [n, r, dr, c, dc, C]
        NDArray ordered = transposed
                ? blocks.transpose(0, 3, 1, 2, 4, 5) // [n, c, r, dr, dc, C]
                : blocks.transpose(0, 1, 3, 2, 4, 5); // [n, r, c, dr, dc, C]
        return ordered.reshape(n, out, out, (long) factor * factor * channels); // [n, g/f, g/f, f²·C]
    }
}
