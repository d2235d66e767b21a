package org.lens4j.core.module;

import java.util.Objects;

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
}
