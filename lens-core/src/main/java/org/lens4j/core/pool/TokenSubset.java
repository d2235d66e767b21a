package org.lens4j.core.pool;

import java.util.Locale;

/**
 * The positions of a language-model sequence that a {@link Pooling} reduces over.
 *
 * <p>On vision outputs every row is an image patch, so {@link #ALL} and {@link #IMAGE} select every
 * row of an image and {@link #TEXT} is rejected.
 */
public enum TokenSubset {
    /** Every real (non-padding) position: image, text and special tokens. */
    ALL,
    /** Positions whose token type is {@link org.lens4j.core.capture.TokenType#IMAGE}. */
    IMAGE,
    /** Positions whose token type is {@link org.lens4j.core.capture.TokenType#TEXT}. */
    TEXT;

    /** Returns the lower-case name, for example {@code "image"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a subset name, ignoring case; {@code null} means {@link #ALL}.
     *
     * @throws IllegalArgumentException naming the value and the allowed names when it is unknown
     */
    public static TokenSubset parse(String text) {
        if (text == null) {
            return ALL;
        }
        String key = text.trim().toUpperCase(Locale.ROOT);
        for (TokenSubset subset : values()) {
            if (subset.name().equals(key)) {
                return subset;
            }
        }
        throw new IllegalArgumentException("unknown token subset '" + text
                + "'; allowed: all, image, text");
    }
}
