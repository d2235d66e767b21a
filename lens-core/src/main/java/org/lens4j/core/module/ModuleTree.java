package org.lens4j.core.module;

import java.util.List;
import java.util.Optional;

/**
 * The named modules of one model, in {@code named_modules()} order, with pattern selection.
 *
 * <p>Pattern grammar: an exact name; a glob where {@code *} matches within one dot-separated
 * segment and {@code **} matches any number of segments (dots are literal); or {@code re:}
 * followed by a Java regular expression that must match the whole name. A pattern that matches
 * nothing in the canonical layout is retried through the {@link LayoutAlias layout aliases}: it is
 * matched against every module's spelling in each other layout, and the canonical names of the
 * modules it matches there are returned. See {@link ModulePattern} for the grammar.
 */
public interface ModuleTree {

    /** Returns every module name in {@code named_modules()} order, the root {@code ""} first. */
    List<String> names();

    /** Returns the module with that exact canonical name, if any. */
    Optional<ModuleInfo> find(String name);

    /** Returns the layout aliases accepted by this tree (possibly empty). */
    List<LayoutAlias> aliases();

    /**
     * Resolves patterns to canonical module names, in tree order without duplicates. Modules that
     * never run in forward ({@link ModuleKind#CONTAINER}, {@link ModuleKind#NEVER_RUNS}) are left out
     * of a pattern's matches; the root {@code ""} is never matched.
     *
     * @throws IllegalArgumentException naming the pattern, the closest existing names and the other
     *     layout's spelling when a pattern matches nothing, or when it matches only modules that
     *     never run in forward
     */
    List<String> select(List<String> patterns);
}
