package org.lens4j.probe.stats.internal;

import java.util.Objects;

/** Argument checks written so that NaN fails; every message names the argument and the value. */
public final class Checks {

    private Checks() {
    }

    /** Returns {@code level} if it lies in the open interval (0, 1), else throws. */
    public static double confidenceLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException(
                    "confidenceLevel must be in (0, 1), got " + level + "; pass for example 0.95");
        }
        return level;
    }

    /** Returns {@code value} if it is at least {@code minimum}, else throws naming {@code name}. */
    public static int atLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(
                    name + " must be at least " + minimum + ", got " + value);
        }
        return value;
    }

    /** Throws unless the array is non-null and non-empty. */
    public static void notEmpty(String name, int[] values) {
        Objects.requireNonNull(values, name);
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    /** Throws unless the array is non-null and non-empty. */
    public static void notEmpty(String name, boolean[] values) {
        Objects.requireNonNull(values, name);
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    /** Throws unless both arrays have the same length, naming both lengths. */
    public static void sameLength(String firstName, int firstLength, String secondName,
            int secondLength) {
        if (firstLength != secondLength) {
            throw new IllegalArgumentException(
                    firstName + " has " + firstLength + " items but " + secondName + " has "
                            + secondLength + "; both must describe the same test items");
        }
    }

    /** Throws unless every value is a finite probability in [0, 1]. */
    public static void probabilities(String name, double[] values) {
        Objects.requireNonNull(values, name);
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0 && values[i] <= 1)) {
                throw new IllegalArgumentException(
                        name + "[" + i + "] must be a p-value in [0, 1], got " + values[i]);
            }
        }
    }
}
