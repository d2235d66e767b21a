package org.lens4j.probe.stats.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Labels of items in groups, with the permutation scheme the grouping calls for.
 *
 * <ul>
 *   <li>Every group carries one label (for example several prompts about one image): the items of a
 *       group are exchangeable only as a whole, so a permutation shuffles the labels of the groups
 *       and every item takes the label of its group.
 *   <li>Some group carries several labels (for example a normal and a defective image cut from the
 *       same fabric crop): under the null hypothesis the labels are exchangeable within each group,
 *       so a permutation shuffles the labels among the items of each group and never across groups.
 * </ul>
 *
 * <p>Without group ids every item is its own group.
 */
public final class GroupedLabels {

    private final int[] labels;
    private final int[] groupOfItem;
    private final int[] groupLabels;
    private final int[][] itemsOfGroup;
    private final boolean withinGroups;

    private GroupedLabels(int[] labels, int[] groupOfItem, int[] groupLabels, int[][] itemsOfGroup,
            boolean withinGroups) {
        this.labels = labels;
        this.groupOfItem = groupOfItem;
        this.groupLabels = groupLabels;
        this.itemsOfGroup = itemsOfGroup;
        this.withinGroups = withinGroups;
    }

    /**
     * Indexes the groups of {@code labels}.
     *
     * @param labels one label per item
     * @param groups one group id per item, or {@code null} for one group per item
     * @throws IllegalArgumentException if the arrays are empty or differ in length
     */
    public static GroupedLabels of(int[] labels, int[] groups) {
        Checks.notEmpty("labels", labels);
        int[] groupIds = groups;
        if (groupIds == null) {
            groupIds = new int[labels.length];
            for (int i = 0; i < groupIds.length; i++) {
                groupIds[i] = i;
            }
        }
        Checks.sameLength("labels", labels.length, "groups", groupIds.length);

        Map<Integer, Integer> indexOfGroup = new HashMap<>();
        List<List<Integer>> members = new ArrayList<>();
        int[] groupOfItem = new int[labels.length];
        boolean mixed = false;
        for (int i = 0; i < labels.length; i++) {
            Integer index = indexOfGroup.get(groupIds[i]);
            if (index == null) {
                index = members.size();
                indexOfGroup.put(groupIds[i], index);
                members.add(new ArrayList<>());
            }
            groupOfItem[i] = index;
            List<Integer> items = members.get(index);
            mixed |= labels[items.isEmpty() ? i : items.get(0)] != labels[i];
            items.add(i);
        }
        int[] groupLabels = new int[members.size()];
        int[][] itemsOfGroup = new int[members.size()][];
        for (int g = 0; g < members.size(); g++) {
            itemsOfGroup[g] = members.get(g).stream().mapToInt(Integer::intValue).toArray();
            groupLabels[g] = labels[itemsOfGroup[g][0]];
        }
        return new GroupedLabels(labels.clone(), groupOfItem, groupLabels, itemsOfGroup, mixed);
    }

    /** Returns the number of groups. */
    public int groupCount() {
        return groupLabels.length;
    }

    /** Returns the number of items. */
    public int itemCount() {
        return groupOfItem.length;
    }

    /** Returns whether permutations shuffle labels within groups (some group carries several labels). */
    public boolean permutesWithinGroups() {
        return withinGroups;
    }

    /** Returns a new item label vector, shuffled (Fisher–Yates) with {@code random} by this grouping's scheme. */
    public int[] permute(SplittableRandom random) {
        return withinGroups ? permuteWithinGroups(random) : permuteGroups(random);
    }

    private int[] permuteGroups(SplittableRandom random) {
        int[] shuffled = groupLabels.clone();
        shuffle(shuffled, random);
        int[] out = new int[groupOfItem.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = shuffled[groupOfItem[i]];
        }
        return out;
    }

    private int[] permuteWithinGroups(SplittableRandom random) {
        int[] out = new int[labels.length];
        for (int[] items : itemsOfGroup) {
            int[] values = new int[items.length];
            for (int k = 0; k < items.length; k++) {
                values[k] = labels[items[k]];
            }
            shuffle(values, random);
            for (int k = 0; k < items.length; k++) {
                out[items[k]] = values[k];
            }
        }
        return out;
    }

    private static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
