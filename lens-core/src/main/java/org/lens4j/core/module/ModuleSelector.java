package org.lens4j.core.module;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves module patterns against a tree: canonical names first, then each other layout named by
 * the tree's {@link LayoutAlias aliases}.
 */
final class ModuleSelector {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleSelector.class);
    private static final int MAX_LISTED = 5;

    private ModuleSelector() {
    }

    static List<String> select(ModuleTree tree, List<String> patterns) {
        Set<String> selected = new HashSet<>();
        for (String text : patterns) {
            ModulePattern pattern = ModulePattern.parse(text);
            List<String> matched = match(tree, pattern);
            selected.addAll(keepRunnable(tree, pattern, matched));
        }

        List<String> out = new ArrayList<>();
        for (String name : tree.names()) {
            if (selected.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** Returns the canonical names the pattern matches, trying the other layouts when none match. */
    static List<String> match(ModuleTree tree, ModulePattern pattern) {
        List<String> canonical = matchSpellings(tree, pattern, null);
        if (!canonical.isEmpty()) {
            LOG.debug("module pattern '{}' matched {} modules in the canonical layout",
                    pattern, canonical.size());
            return canonical;
        }
        for (String layout : layouts(tree)) {
            List<String> viaAlias = matchSpellings(tree, pattern, layout);
            if (!viaAlias.isEmpty()) {
                LOG.debug("module pattern '{}' matched {} modules in the {} layout",
                        pattern, viaAlias.size(), layout);
                return viaAlias;
            }
        }
        throw new IllegalArgumentException(NoMatchMessage.describe(tree, pattern));
    }

    /** Matches the pattern against each name as spelled in {@code layout} (canonical when null). */
    private static List<String> matchSpellings(ModuleTree tree, ModulePattern pattern, String layout) {
        List<String> out = new ArrayList<>();
        for (String name : tree.names()) {
            if (name.isEmpty()) {
                continue;
            }
            String spelling = layout == null ? name : spell(tree.aliases(), layout, name);
            if (pattern.matches(spelling)) {
                out.add(name);
            }
        }
        return out;
    }

    /** Spells a canonical name in the given layout, using the alias with the longest canonical prefix. */
    static String spell(List<LayoutAlias> aliases, String layout, String name) {
        String best = name;
        int bestLength = -1;
        for (LayoutAlias alias : aliases) {
            if (!alias.layout().equals(layout) || alias.canonicalPrefix().length() <= bestLength) {
                continue;
            }
            Optional<String> spelled = alias.toAlias(name);
            if (spelled.isPresent()) {
                best = spelled.get();
                bestLength = alias.canonicalPrefix().length();
            }
        }
        return best;
    }

    private static Set<String> layouts(ModuleTree tree) {
        Set<String> out = new LinkedHashSet<>();
        for (LayoutAlias alias : tree.aliases()) {
            out.add(alias.layout());
        }
        return out;
    }

    private static List<String> keepRunnable(ModuleTree tree, ModulePattern pattern, List<String> matched) {
        List<String> runnable = new ArrayList<>();
        List<String> idle = new ArrayList<>();
        for (String name : matched) {
            ModuleInfo info = tree.find(name).orElseThrow();
            (info.runs() ? runnable : idle).add(name);
        }
        if (runnable.isEmpty()) {
            throw new IllegalArgumentException(neverRunsMessage(tree, pattern, idle));
        }
        if (!idle.isEmpty()) {
            LOG.debug("module pattern '{}' skips {} modules that never run in forward: {}",
                    pattern, idle.size(), idle);
        }
        return runnable;
    }

    private static String neverRunsMessage(ModuleTree tree, ModulePattern pattern, List<String> idle) {
        String listed = idle.stream()
                .limit(MAX_LISTED)
                .map(name -> name + " (" + tree.find(name).orElseThrow().kind() + ")")
                .collect(Collectors.joining(", "));
        String more = idle.size() > MAX_LISTED ? " and " + (idle.size() - MAX_LISTED) + " more" : "";
        return "module pattern '" + pattern + "' matches only modules that never run in forward: "
                + listed + more + "; select the modules inside a container instead, for example '"
                + idle.get(0) + ".*'";
    }
}
