package org.lens4j.core.module;

import java.util.Objects;
import java.util.Optional;

/**
 * A prefix rewrite between a family's canonical layout (transformers 4.47–4.51) and another
 * spelling of the same module, for example {@code model.visual.} → {@code visual.} for the
 * transformers ≥ 4.52 layout of Qwen2-VL.
 *
 * @param layout the name of the other layout, shown in log messages and errors
 * @param aliasPrefix the prefix as the other layout spells it; a whole name when it has no trailing dot
 * @param canonicalPrefix the prefix in the canonical layout
 */
public record LayoutAlias(String layout, String aliasPrefix, String canonicalPrefix) {

    /** Validates the components. */
    public LayoutAlias {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(aliasPrefix, "aliasPrefix");
        Objects.requireNonNull(canonicalPrefix, "canonicalPrefix");
    }

    /**
     * Rewrites a name spelled in the other layout to the canonical layout, when this alias covers it.
     * A prefix that ends with a dot covers every name that starts with it; any other prefix covers
     * only that exact name.
     */
    public Optional<String> toCanonical(String name) {
        return rewrite(name, aliasPrefix, canonicalPrefix);
    }

    /** Rewrites a canonical name to the other layout's spelling, when this alias covers it. */
    public Optional<String> toAlias(String canonicalName) {
        return rewrite(canonicalName, canonicalPrefix, aliasPrefix);
    }

    private static Optional<String> rewrite(String name, String from, String to) {
        if (from.endsWith(".")) {
            return name.startsWith(from)
                    ? Optional.of(to + name.substring(from.length()))
                    : Optional.empty();
        }
        return name.equals(from) ? Optional.of(to) : Optional.empty();
    }
}
