package org.lens4j.core.module;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the error message for a pattern that matches no module: the closest names by edit
 * distance, and names that match once a leading layout prefix is added or removed.
 */
final class NoMatchMessage {

    private static final int MAX_LISTED = 5;
    /** Leading segments added to or removed from a name when looking for another layout's spelling. */
    private static final int MAX_SHIFTED_SEGMENTS = 2;
    /** A shifted name must keep this many segments, so a bare leaf such as "mlp" is never offered. */
    private static final int MIN_REMAINING_SEGMENTS = 2;

    private NoMatchMessage() {
    }

    static String describe(ModuleTree tree, ModulePattern pattern) {
        StringBuilder message = new StringBuilder("no module matches '").append(pattern).append('\'');
        if (!tree.aliases().isEmpty()) {
            message.append(" in the canonical layout or the layouts ").append(layoutNames(tree));
        }

        List<String> otherLayout = otherLayoutSpellings(tree, pattern);
        if (!otherLayout.isEmpty()) {
            message.append("; these names match with a different layout prefix: ")
                    .append(String.join(", ", otherLayout));
        }
        List<String> closest = closestNames(tree, pattern);
        if (!closest.isEmpty()) {
            message.append("; closest names: ").append(String.join(", ", closest));
        }
        return message.append("; ModuleTree.names() lists every module").toString();
    }

    /** Returns up to five names ordered by edit distance to the pattern, then by common prefix. */
    static List<String> closestNames(ModuleTree tree, ModulePattern pattern) {
        String target = pattern.kind() == ModulePattern.Kind.REGEX
                ? pattern.text().substring(ModulePattern.REGEX_PREFIX.length())
                : pattern.text();
        List<Scored> scored = new ArrayList<>();
        for (String name : tree.names()) {
            if (!name.isEmpty()) {
                scored.add(new Scored(name, editDistance(target, name), commonPrefix(target, name)));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::distance)
                .thenComparing(Comparator.comparingInt(Scored::prefix).reversed()));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_LISTED, scored.size()); i++) {
            out.add(scored.get(i).name());
        }
        return out;
    }

    /**
     * Returns up to five names that match once up to two leading segments are dropped from the
     * pattern or from the name, for example {@code visual.blocks.31} against a tree that spells it
     * {@code model.visual.blocks.31}.
     */
    static List<String> otherLayoutSpellings(ModuleTree tree, ModulePattern pattern) {
        if (pattern.kind() == ModulePattern.Kind.REGEX) {
            return List.of();
        }
        List<ModulePattern> patternTails = new ArrayList<>();
        for (String tail : tails(pattern.text())) {
            patternTails.add(ModulePattern.parse(tail));
        }

        List<String> out = new ArrayList<>();
        for (String name : tree.names()) {
            if (!name.isEmpty() && out.size() < MAX_LISTED && matchesShifted(patternTails, tails(name))) {
                out.add(name);
            }
        }
        return out;
    }

    private static boolean matchesShifted(List<ModulePattern> patternTails, List<String> nameTails) {
        for (int p = 0; p < patternTails.size(); p++) {
            for (int n = 0; n < nameTails.size(); n++) {
                if ((p != 0 || n != 0) && patternTails.get(p).matches(nameTails.get(n))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Returns the text itself, then the text without its first one and two segments. */
    private static List<String> tails(String text) {
        List<String> out = new ArrayList<>();
        out.add(text);
        String[] segments = text.split("\\.", -1);
        for (int drop = 1; drop <= MAX_SHIFTED_SEGMENTS; drop++) {
            if (segments.length - drop < MIN_REMAINING_SEGMENTS) {
                break;
            }
            out.add(String.join(".", Arrays.copyOfRange(segments, drop, segments.length)));
        }
        return out;
    }

    private static List<String> layoutNames(ModuleTree tree) {
        List<String> out = new ArrayList<>();
        for (LayoutAlias alias : tree.aliases()) {
            if (!out.contains(alias.layout())) {
                out.add(alias.layout());
            }
        }
        return out;
    }

    /** Levenshtein distance with unit costs. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    private record Scored(String name, int distance, int prefix) {
    }
}
