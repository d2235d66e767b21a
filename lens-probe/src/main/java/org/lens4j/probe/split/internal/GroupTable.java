package org.lens4j.probe.split.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.lens4j.probe.LabelMap;

/**
 * The groups of a set of rows, each with its rows and its count per class, in order of first
 * appearance. Splitters move whole groups, so a group never straddles two parts.
 */
public final class GroupTable {

    private final LabelMap labelMap;
    private final List<String> ids = new ArrayList<>();
    private final List<int[]> rows = new ArrayList<>();
    private final List<int[]> classCounts = new ArrayList<>();
    private final int[] totals;

    /**
     * Collects the groups of {@code selectedRows}.
     *
     * @param labels the label of every row of the data set
     * @param groups the group id of every row of the data set
     * @param selectedRows the rows to consider
     */
    public GroupTable(List<String> labels, List<String> groups, int[] selectedRows) {
        List<String> selectedLabels = new ArrayList<>(selectedRows.length);
        for (int row : selectedRows) {
            selectedLabels.add(labels.get(row));
        }
        this.labelMap = LabelMap.of(selectedLabels);
        this.totals = new int[labelMap.size()];

        Map<String, List<Integer>> members = new LinkedHashMap<>();
        for (int row : selectedRows) {
            members.computeIfAbsent(groups.get(row), key -> new ArrayList<>()).add(row);
        }
        for (Map.Entry<String, List<Integer>> entry : members.entrySet()) {
            int[] groupRows = entry.getValue().stream().mapToInt(Integer::intValue).toArray();
            int[] counts = new int[labelMap.size()];
            for (int row : groupRows) {
                int label = labelMap.indexOf(labels.get(row));
                counts[label]++;
                totals[label]++;
            }
            ids.add(entry.getKey());
            rows.add(groupRows);
            classCounts.add(counts);
        }
    }

    /** Returns the labels of the selected rows, sorted. */
    public LabelMap labelMap() {
        return labelMap;
    }

    /** Returns the number of groups. */
    public int groupCount() {
        return ids.size();
    }

    /** Returns the rows of group {@code group} (not copied; do not modify). */
    public int[] rows(int group) {
        return rows.get(group);
    }

    /** Returns the count per class of group {@code group} (not copied; do not modify). */
    public int[] classCounts(int group) {
        return classCounts.get(group);
    }

    /** Returns the number of rows of class {@code label} over all groups. */
    public int total(int label) {
        return totals[label];
    }

    /** Returns the group indices in a seeded random order (Fisher–Yates). */
    public int[] shuffledOrder(SplittableRandom random) {
        int[] order = new int[ids.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
