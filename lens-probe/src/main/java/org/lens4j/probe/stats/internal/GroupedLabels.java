package org.lens4j.probe.stats.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Labels attached to groups of items, permuted at group level.
 *
 * <p>Items that share a group id (for example several prompts about one image) are exchangeable
 * only as a whole, so a permutation shuffles the labels of the groups and every item takes the
 * label of its group. Without group ids every item is its own group.
 */
public final class GroupedLabels {

    private final int[] groupOfItem;
    private final int[] groupLabels;

    private GroupedLabels(int[] groupOfItem, int[] groupLabels) {
        this.groupOfItem = groupOfItem;
        this.groupLabels = groupLabels;
    }

    /**
     * Indexes the groups of {@code labels}.
     *
     * @param labels one label per item
     * @param groups one group id per item, or {@code null} for one group per item
     * @throws IllegalArgumentException if the arrays are empty, differ in length, or a group
     *     contains items with different labels
     */
    public static GroupedLabels of(int[] labels, int[] groups) {
        Checks.notEmpty("labels", labels);
        if (groups == null) {
            int[] identity = new int[labels.length];
            for (int i = 0; i < identity.length; i++) {
                identity[i] = i;
            }
            return new GroupedLabels(identity, labels.clone());
        }
        Checks.sameLength("labels", labels.length, "groups", groups.length);

        Map<Integer, Integer> indexOfGroup = new HashMap<>();
        int[] groupOfItem = new int[labels.length];
        int[] firstItemOfGroup = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            Integer index = indexOfGroup.putIfAbsent(groups[i], indexOfGroup.size());
            if (index == null) {
                index = indexOfGroup.size() - 1;
                firstItemOfGroup[index] = i;
            }
            groupOfItem[i] = index;
            int first = firstItemOfGroup[index];
            if (labels[first] != labels[i]) {
                throw new IllegalArgumentException("group " + groups[i] + " contains items " + first
                        + " and " + i + " with labels " + labels[first] + " and " + labels[i]
                        + "; group-level permutation needs one label per group,"
                        + " so pass finer group ids or no groups");
            }
        }
        int[] groupLabels = new int[indexOfGroup.size()];
        for (int g = 0; g < groupLabels.length; g++) {
            groupLabels[g] = labels[firstItemOfGroup[g]];
        }
        return new GroupedLabels(groupOfItem, groupLabels);
    }

    /** Returns the number of groups. */
    public int groupCount() {
        return groupLabels.length;
    }

    /** Returns the number of items. */
    public int itemCount() {
        return groupOfItem.length;
    }

    /**
     * Returns a new item label vector in which the group labels are shuffled uniformly
     * (Fisher–Yates) with {@code random}.
     */
    public int[] permute(SplittableRandom random) {
        int[] shuffled = groupLabels.clone();
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = swap;
        }
        int[] labels = new int[groupOfItem.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = shuffled[groupOfItem[i]];
        }
        return labels;
    }
}
