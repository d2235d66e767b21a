package org.lens4j.probe.sweep.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Integer ids for string group ids, as the statistics take them. */
final class GroupIds {

    private GroupIds() {
    }

    /** Returns an integer id per row of {@code rows}, equal exactly when the group ids are equal. */
    static int[] of(List<String> groups, int[] rows) {
        Map<String, Integer> ids = new HashMap<>();
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = ids.computeIfAbsent(groups.get(rows[i]), key -> ids.size());
        }
        return out;
    }
}
