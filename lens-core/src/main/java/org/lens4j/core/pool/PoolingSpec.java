package org.lens4j.core.pool;

import java.util.Objects;

/**
 * A pooling method together with the token subset it reduces over.
 *
 * <p>The text form is the method's label, followed by {@code ":"} and the subset's label unless the
 * subset is {@link TokenSubset#ALL}: {@code "none"}, {@code "mean"}, {@code "last:text"},
 * {@code "mean:image"}. {@link #parse} reads that form back.
 *
 * @param pooling the reduction
 * @param subset the positions it reduces over ({@link TokenSubset#ALL} for {@link Pooling#NONE})
 */
public record PoolingSpec(Pooling pooling, TokenSubset subset) {

    /** No pooling: the whole tensor is kept. */
    public static final PoolingSpec NONE = new PoolingSpec(Pooling.NONE, TokenSubset.ALL);

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException when {@link Pooling#NONE} comes with a subset other than ALL,
     *     because an unpooled tensor keeps every position
     */
    public PoolingSpec {
        Objects.requireNonNull(pooling, "pooling");
        Objects.requireNonNull(subset, "subset");
        if (pooling == Pooling.NONE && subset != TokenSubset.ALL) {
            throw new IllegalArgumentException("pooling none keeps every position, so token subset "
                    + subset.label() + " does not apply; use subset all or another pooling");
        }
    }

    /** Returns the spec for {@code pooling} over every real position. */
    public static PoolingSpec of(Pooling pooling) {
        return new PoolingSpec(pooling, TokenSubset.ALL);
    }

    /** Returns the spec for {@code pooling} over {@code subset}. */
    public static PoolingSpec of(Pooling pooling, TokenSubset subset) {
        return new PoolingSpec(pooling, subset);
    }

    /**
     * Parses the text form {@code method[:subset]}; {@code null} means {@link #NONE}.
     *
     * @throws IllegalArgumentException when the method or the subset is unknown
     */
    public static PoolingSpec parse(String text) {
        if (text == null) {
            return NONE;
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return of(Pooling.parse(text));
        }
        return of(Pooling.parse(text.substring(0, colon)), TokenSubset.parse(text.substring(colon + 1)));
    }

    /** Returns the text form, for example {@code "mean:image"}. */
    public String label() {
        return subset == TokenSubset.ALL ? pooling.label() : pooling.label() + ":" + subset.label();
    }

    @Override
    public String toString() {
        return label();
    }
}
