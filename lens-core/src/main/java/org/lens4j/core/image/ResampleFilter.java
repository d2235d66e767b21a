package org.lens4j.core.image;

import java.util.Arrays;

/**
 * Convolution filters of Pillow's {@code Image.resize}, with the integer codes that Hugging Face
 * configs store under {@code resample} ({@code PILImageResampling}).
 *
 * <p>Each filter is a kernel {@code f(x)} with a support radius; when downscaling by a factor
 * {@code s > 1} the kernel is stretched by {@code s} (antialiasing), as Pillow does.
 *
 * @implNote Pillow's {@code NEAREST} (code 0) is not a convolution and is not supported; asking for
 *     it raises {@link UnsupportedOperationException}. {@code HAMMING} and {@code LANCZOS} use
 *     {@link Math#sin}, which may differ from the C library's {@code sin} in the last bit, so their
 *     output can differ from Pillow's by one level in rare pixels; {@code BOX}, {@code BILINEAR} and
 *     {@code BICUBIC} are polynomials and match bit for bit.
 */
public enum ResampleFilter {
    /** Box filter, support 0.5 (Pillow code 4). */
    BOX(4, 0.5),
    /** Triangle filter {@code 1 - |x|}, support 1 (Pillow code 2). */
    BILINEAR(2, 1.0),
    /** Hamming-windowed sinc, support 1 (Pillow code 5). */
    HAMMING(5, 1.0),
    /** Keys cubic convolution with {@code a = -0.5}, support 2 (Pillow code 3). */
    BICUBIC(3, 2.0),
    /** Lanczos-windowed sinc with 3 lobes, support 3 (Pillow code 1). */
    LANCZOS(1, 3.0);

    private static final double CUBIC_A = -0.5;

    private final int pilCode;
    private final double support;

    ResampleFilter(int pilCode, double support) {
        this.pilCode = pilCode;
        this.support = support;
    }

    /** Returns Pillow's integer code for this filter. */
    public int pilCode() {
        return pilCode;
    }

    /** Returns the kernel radius at scale 1, in input pixels. */
    public double support() {
        return support;
    }

    /**
     * Returns the filter with Pillow's integer code.
     *
     * @throws UnsupportedOperationException for 0 ({@code NEAREST}), which is not a convolution
     * @throws IllegalArgumentException for a code Pillow does not define
     */
    public static ResampleFilter fromPilCode(int code) {
        if (code == 0) {
            throw new UnsupportedOperationException("resample filter 0 (NEAREST) is not supported; use 2"
                    + " (BILINEAR) or 3 (BICUBIC)");
        }
        for (ResampleFilter filter : values()) {
            if (filter.pilCode == code) {
                return filter;
            }
        }
        throw new IllegalArgumentException("unknown resample code " + code + "; Pillow defines 0-5, supported: "
                + Arrays.toString(values()));
    }

    /** Evaluates the kernel at {@code x} (in input pixels at scale 1). */
    public double weight(double x) {
        return switch (this) {
            case BOX -> x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
            case BILINEAR -> triangle(Math.abs(x));
            case HAMMING -> hamming(Math.abs(x));
            case BICUBIC -> cubic(Math.abs(x));
            case LANCZOS -> x >= -3.0 && x < 3.0 ? sinc(x) * sinc(x / 3.0) : 0.0;
        };
    }

    private static double triangle(double x) {
        return x < 1.0 ? 1.0 - x : 0.0;
    }

    private static double hamming(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        if (x >= 1.0) {
            return 0.0;
        }
        double angle = x * Math.PI;
        return Math.sin(angle) / angle * (0.54 + 0.46 * Math.cos(angle));
    }

    // Keys (1981) cubic convolution; the operation order is Pillow's so the doubles match exactly.
    private static double cubic(double x) {
        if (x < 1.0) {
            return ((CUBIC_A + 2.0) * x - (CUBIC_A + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * CUBIC_A;
        }
        return 0.0;
    }

    private static double sinc(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        double angle = x * Math.PI;
        return Math.sin(angle) / angle;
    }
}
