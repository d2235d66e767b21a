package org.lens4j.core.checkpoint.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Finds the names closest to a missing one, by Levenshtein edit distance, for error messages. */
public final class NameSuggestions {

    private NameSuggestions() {
    }

    /** Returns up to {@code limit} names of {@code candidates} closest to {@code name}, closest first. */
    public static List<String> closest(String name, Collection<String> candidates, int limit) {
        record Scored(String candidate, int distance) {
        }
        return candidates.stream()
                .map(candidate -> new Scored(candidate, distance(name, candidate)))
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate))
                .limit(limit)
                .map(Scored::candidate)
                .toList();
    }

    static int distance(String a, String b) {
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
}
