package org.lens4j.core.image.internal;

import java.util.Arrays;
import org.lens4j.core.image.ResampleFilter;

/**
 * Separable convolution resampling of interleaved 8-bit RGB that reproduces Pillow's
 * {@code ImagingResample} for 8-bit images bit for bit.
 *
 * <p>The facts it relies on, confirmed byte for byte against the outputs of the Hugging Face image
 * processors (transformers 4.49, which resize with Pillow):
 * <ul>
 *   <li>the horizontal pass runs first, into an 8-bit image, then the vertical pass; a pass whose
 *       size does not change is skipped, and an unchanged size is a plain copy;</li>
 *   <li>for output index {@code i} with {@code scale = in / out}, the kernel is centred at
 *       {@code (i + 0.5) * scale}, stretched by {@code max(scale, 1)}, and covers input indices
 *       {@code [(int) (centre - support + 0.5), (int) (centre + support + 0.5))} clamped to the
 *       image, with {@code support = radius * max(scale, 1)};</li>
 *   <li>weights are {@code f((j - centre + 0.5) / max(scale, 1))}, divided by their sum, then
 *       converted to fixed point with 22 fraction bits, rounding half away from zero;</li>
 *   <li>each output sample is {@code (2^21 + sum(in * weight)) >> 22}, clamped to 0–255.</li>
 * </ul>
 */
public final class PilResampler {

    /** Fraction bits of the fixed-point weights: 32 - 8 - 2. */
    static final int PRECISION_BITS = 22;

    private static final int CHANNELS = 3;

    private PilResampler() {
    }

    /**
     * Resizes an interleaved RGB buffer.
     *
     * @param source {@code inWidth * inHeight * 3} bytes, row-major, interleaved
     * @return a new buffer of {@code outWidth * outHeight * 3} bytes
     */
    public static byte[] resize(byte[] source, int inWidth, int inHeight, int outWidth, int outHeight,
            ResampleFilter filter) {
        if (inWidth == outWidth && inHeight == outHeight) {
            return source.clone();
        }

        byte[] current = source;
        if (outWidth != inWidth) {
            Coefficients horizontal = Coefficients.compute(inWidth, outWidth, filter);
            current = horizontalPass(current, inWidth, inHeight, outWidth, horizontal);
        }
        if (outHeight != inHeight) {
            Coefficients vertical = Coefficients.compute(inHeight, outHeight, filter);
            current = verticalPass(current, outWidth, outHeight, vertical);
        }
        return current;
    }

    private static byte[] horizontalPass(byte[] in, int inWidth, int height, int outWidth, Coefficients k) {
        byte[] out = new byte[outWidth * height * CHANNELS];
        int half = 1 << (PRECISION_BITS - 1);
        for (int y = 0; y < height; y++) {
            int inRow = y * inWidth * CHANNELS;
            int outRow = y * outWidth * CHANNELS;
            for (int x = 0; x < outWidth; x++) {
                int first = k.first[x];
                int count = k.count[x];
                int weights = x * k.kernelSize;
                int red = half;
                int green = half;
                int blue = half;
                for (int j = 0; j < count; j++) {
                    int weight = k.weights[weights + j];
                    int pixel = inRow + (first + j) * CHANNELS;
                    red += (in[pixel] & 0xFF) * weight;
                    green += (in[pixel + 1] & 0xFF) * weight;
                    blue += (in[pixel + 2] & 0xFF) * weight;
                }
                int target = outRow + x * CHANNELS;
                out[target] = clip8(red);
                out[target + 1] = clip8(green);
                out[target + 2] = clip8(blue);
            }
        }
        return out;
    }

    private static byte[] verticalPass(byte[] in, int width, int outHeight, Coefficients k) {
        int rowLength = width * CHANNELS;
        byte[] out = new byte[rowLength * outHeight];
        int[] sums = new int[rowLength];
        int half = 1 << (PRECISION_BITS - 1);
        for (int y = 0; y < outHeight; y++) {
            Arrays.fill(sums, half);
            int first = k.first[y];
            int count = k.count[y];
            int weights = y * k.kernelSize;
            for (int j = 0; j < count; j++) {
                int weight = k.weights[weights + j];
                int inRow = (first + j) * rowLength;
                for (int i = 0; i < rowLength; i++) {
                    sums[i] += (in[inRow + i] & 0xFF) * weight;
                }
            }
            int outRow = y * rowLength;
            for (int i = 0; i < rowLength; i++) {
                out[outRow + i] = clip8(sums[i]);
            }
        }
        return out;
    }

    /** Shifts out the fraction bits and clamps to 0–255, as Pillow's {@code clip8}. */
    static byte clip8(int sum) {
        int value = sum >> PRECISION_BITS;
        if (value < 0) {
            return 0;
        }
        return (byte) Math.min(value, 255);
    }

    /** Fixed-point weights of one pass: for output {@code i}, inputs {@code first[i] ..+ count[i]}. */
    static final class Coefficients {
        final int kernelSize;
        final int[] first;
        final int[] count;
        final int[] weights;

        private Coefficients(int kernelSize, int[] first, int[] count, int[] weights) {
            this.kernelSize = kernelSize;
            this.first = first;
            this.count = count;
            this.weights = weights;
        }

        static Coefficients compute(int inSize, int outSize, ResampleFilter filter) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filter.support() * filterScale;
            int kernelSize = (int) Math.ceil(support) * 2 + 1;
            double inverseScale = 1.0 / filterScale;

            int[] first = new int[outSize];
            int[] count = new int[outSize];
            int[] weights = new int[outSize * kernelSize];
            double[] row = new double[kernelSize];
            for (int i = 0; i < outSize; i++) {
                double centre = (i + 0.5) * scale;
                int min = Math.max((int) (centre - support + 0.5), 0);
                int max = Math.min((int) (centre + support + 0.5), inSize) - min;
                double total = 0.0;
                for (int j = 0; j < max; j++) {
                    double w = filter.weight((j + min - centre + 0.5) * inverseScale);
                    row[j] = w;
                    total += w;
                }
                for (int j = 0; j < max; j++) {
                    double normalised = total != 0.0 ? row[j] / total : row[j];
                    weights[i * kernelSize + j] = toFixedPoint(normalised);
                }
                first[i] = min;
                count[i] = max;
            }
            return new Coefficients(kernelSize, first, count, weights);
        }

        /** Rounds half away from zero to {@link #PRECISION_BITS} fraction bits, then truncates. */
        private static int toFixedPoint(double weight) {
            double scaled = weight * (1 << PRECISION_BITS);
            return weight < 0 ? (int) (-0.5 + scaled) : (int) (0.5 + scaled);
        }
    }
}
