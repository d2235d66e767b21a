package org.lens4j.core.pool;

import java.util.Locale;

/**
 * A reduction of a captured tensor over its token (or patch) axis.
 *
 * <p>Padding never counts: {@link #MEAN} and {@link #MAX} reduce over the positions whose attention
 * mask is 1, and {@link #FIRST} and {@link #LAST} take the first and last such position, whatever
 * the padding side. Each method applies to the positions of one {@link TokenSubset}.
 */
public enum Pooling {
    /** Keep the whole tensor. */
    NONE,
    /** The mean over the selected positions. */
    MEAN,
    /** The element-wise maximum over the selected positions (values only). */
    MAX,
    /** The first selected position. */
    FIRST,
    /** The last selected position. */
    LAST;

    /** Returns the lower-case name used in configuration files and stores, for example {@code "mean"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a pooling name, ignoring case. {@code null}, {@code "none"} and {@code "None"} (as a
     * YAML file may spell a missing value) all mean {@link #NONE}.
     *
     * @throws IllegalArgumentException naming the value and the allowed names when it is unknown
     */
    public static Pooling parse(String text) {
        if (text == null) {
            return NONE;
        }
        String key = text.trim().toUpperCase(Locale.ROOT);
        for (Pooling pooling : values()) {
            if (pooling.name().equals(key)) {
                return pooling;
            }
        }
        throw new IllegalArgumentException("unknown pooling '" + text
                + "'; allowed: none, mean, max, first, last");
    }
}
