package org.lens4j.models.internvl.internal;

/**
 * Resizes a square grid of learned position embeddings with bicubic interpolation, as PyTorch's
 * {@code F.interpolate(mode="bicubic", align_corners=False)} does without antialiasing: cubic
 * convolution with {@code a = −0.75}, source coordinate {@code (i + 0.5)·in/out − 0.5}, and samples
 * beyond the border clamped to the edge.
 *
 * <pre>
 * G stored grid side   g target grid side   D channels
 * </pre>
 */
public final class PositionGrid {

    private static final double A = -0.75;

    private PositionGrid() {
    }

    /**
     * Resizes {@code table}, {@code G × G} rows of {@code D} values in raster order, to
     * {@code g × g} rows; returns a copy when the sides are equal.
     *
     * @return {@code g·g·D} values in raster order
     */
    public static float[] resize(float[] table, int from, int to, int channels) {
        if (table.length != from * from * channels) {
            throw new IllegalArgumentException("position table has " + table.length + " values but a "
                    + from + "×" + from + " grid of " + channels + " channels needs " + from * from * channels);
        }
        if (from == to) {
            return table.clone();
        }
        double[] rows = new double[to * from * channels]; // [g, G, D]: rows resized, columns not yet
        for (int y = 0; y < to; y++) {
            Taps taps = taps(y, from, to);
            for (int x = 0; x < from; x++) {
                for (int k = 0; k < 4; k++) {
                    int source = (taps.index(k) * from + x) * channels;
                    int target = (y * from + x) * channels;
                    for (int d = 0; d < channels; d++) {
                        rows[target + d] += taps.weight(k) * table[source + d];
                    }
                }
            }
        }
        float[] out = new float[to * to * channels];
        for (int x = 0; x < to; x++) {
            Taps taps = taps(x, from, to);
            for (int y = 0; y < to; y++) {
                int target = (y * to + x) * channels;
                for (int d = 0; d < channels; d++) {
                    double sum = 0;
                    for (int k = 0; k < 4; k++) {
                        sum += taps.weight(k) * rows[(y * from + taps.index(k)) * channels + d];
                    }
                    out[target + d] = (float) sum;
                }
            }
        }
        return out;
    }

    private static Taps taps(int outIndex, int from, int to) {
        double source = (outIndex + 0.5) * from / to - 0.5;
        int base = (int) Math.floor(source);
        double t = source - base;
        int[] index = new int[4];
        for (int k = 0; k < 4; k++) {
            index[k] = Math.min(Math.max(base - 1 + k, 0), from - 1);
        }
        double[] weight = {
            outer(t + 1), inner(t), inner(1 - t), outer(2 - t)
        };
        return new Taps(index, weight);
    }

    /** Evaluates the cubic kernel at a distance in [0, 1]. */
    private static double inner(double x) {
        return ((A + 2) * x - (A + 3)) * x * x + 1;
    }

    /** Evaluates the cubic kernel at a distance in [1, 2]. */
    private static double outer(double x) {
        return ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
    }

    private record Taps(int[] indices, double[] weights) {

        int index(int k) {
            return indices[k];
        }

        double weight(int k) {
            return weights[k];
        }
    }
}
