package org.lens4j.core.store.internal;

import java.util.Arrays;

/** Shape arithmetic and the text form of the {@code shape} column, such as {@code [1, 1536]}. */
public final class Shapes {

    private Shapes() {
    }

    /**
     * Returns a copy of {@code shape} after checking it.
     *
     * @throws IllegalArgumentException if a dimension is negative or the element count overflows
     */
    public static long[] checked(long[] shape) {
        if (shape == null) {
            throw new IllegalArgumentException("Tensor shape is null; pass an empty array for 0-D");
        }
        for (long dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("Tensor shape " + Arrays.toString(shape)
                        + " has a negative dimension");
            }
        }
        numel(shape);
        return shape.clone();
    }

    /**
     * Returns the element count of a shape (1 for a 0-D shape).
     *
     * @throws ArithmeticException if the count overflows a long
     */
    public static long numel(long[] shape) {
        long count = 1;
        for (long dimension : shape) {
            count = Math.multiplyExact(count, dimension);
        }
        return count;
    }

    /** Returns the C-order (row-major) strides of a shape, in elements. */
    public static long[] contiguousStrides(long[] shape) {
        long[] strides = new long[shape.length];
        long stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= Math.max(shape[i], 1);
        }
        return strides;
    }

    /** Formats a shape as stored in the {@code shape} column: {@code [2, 3]}, {@code []}. */
    public static String format(long[] shape) {
        return Arrays.toString(shape);
    }

    /**
     * Parses the {@code shape} column text.
     *
     * @throws IllegalArgumentException if the text is not a bracketed list of non-negative integers
     */
    public static long[] parse(String text) {
        String trimmed = text.trim();
        if (!trimmed.startsWith("[") || !trimmed.endsWith("]")) {
            throw new IllegalArgumentException("Invalid shape text '" + text
                    + "'; expected a bracketed list such as [1, 1536]");
        }
        String body = trimmed.substring(1, trimmed.length() - 1).trim();
        if (body.isEmpty()) {
            return new long[0];
        }
        String[] parts = body.split(",");
        long[] shape = new long[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                shape[i] = Long.parseLong(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid shape text '" + text
                    + "'; expected a bracketed list such as [1, 1536]", e);
        }
        return checked(shape);
    }
}
