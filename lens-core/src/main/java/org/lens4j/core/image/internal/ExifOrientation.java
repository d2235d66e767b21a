package org.lens4j.core.image.internal;

/**
 * Applies an EXIF orientation (1–8) to interleaved RGB so the result is upright, as Pillow's
 * {@code ImageOps.exif_transpose} does: 2 mirror left-right, 3 rotate 180°, 4 mirror top-bottom,
 * 5 transpose, 6 rotate 90° clockwise, 7 transverse, 8 rotate 90° counter-clockwise.
 */
public final class ExifOrientation {

    private ExifOrientation() {
    }

    /** Returns whether the orientation swaps width and height (5–8). */
    public static boolean swapsAxes(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /**
     * Returns the upright pixels; the output is {@code height x width} when {@link
     * #swapsAxes(int)} holds.
     *
     * @throws IllegalArgumentException for an orientation outside 1–8
     */
    public static byte[] apply(byte[] rgb, int width, int height, int orientation) {
        if (orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("EXIF orientation must be 1-8, got " + orientation);
        }
        if (orientation == 1) {
            return rgb;
        }
        int outWidth = swapsAxes(orientation) ? height : width;
        int outHeight = swapsAxes(orientation) ? width : height;
        byte[] out = new byte[rgb.length];
        for (int y = 0; y < outHeight; y++) {
            for (int x = 0; x < outWidth; x++) {
                int source = sourceIndex(orientation, x, y, width, height);
                int target = (y * outWidth + x) * 3;
                out[target] = rgb[source];
                out[target + 1] = rgb[source + 1];
                out[target + 2] = rgb[source + 2];
            }
        }
        return out;
    }

    /** Returns the byte offset of the stored pixel shown at upright position {@code (x, y)}. */
    private static int sourceIndex(int orientation, int x, int y, int width, int height) {
        int sourceX;
        int sourceY;
        switch (orientation) {
            case 2 -> {
                sourceX = width - 1 - x;
                sourceY = y;
            }
            case 3 -> {
                sourceX = width - 1 - x;
                sourceY = height - 1 - y;
            }
            case 4 -> {
                sourceX = x;
                sourceY = height - 1 - y;
            }
            case 5 -> {
                sourceX = y;
                sourceY = x;
            }
            case 6 -> {
                sourceX = y;
                sourceY = height - 1 - x;
            }
            case 7 -> {
                sourceX = width - 1 - y;
                sourceY = height - 1 - x;
            }
            default -> {
                sourceX = width - 1 - y;
                sourceY = x;
            }
        }
        return (sourceY * width + sourceX) * 3;
    }
}
