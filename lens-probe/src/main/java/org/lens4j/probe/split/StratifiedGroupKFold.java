package org.lens4j.probe.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.lens4j.probe.split.internal.GroupTable;

/**
 * Immutable settings of a k-fold partition that keeps each group in one fold and balances the
 * classes across folds, drawn with a fixed seed.
 *
 * <p>Groups are visited in a seeded random order, larger groups first (stable sort, so equal sizes
 * keep the random order). Each group goes to the fold where it brings the class counts closest to
 * their even share: the fold where adding it least increases {@code Σ_c (count_fc − n_c / k)²},
 * ties to the fold with fewer rows, then the lower fold number. With one row per group this deals every class out
 * evenly, so fold sizes of a class differ by at most one.
 *
 * <pre>{@code
 * List<Split> folds = StratifiedGroupKFold.of(5).withSeed(3).folds(labels, groups, trainRows);
 * }</pre>
 */
public final class StratifiedGroupKFold {

    private final int k;
    private final long seed;

    private StratifiedGroupKFold(int k, long seed) {
        this.k = k;
        this.seed = seed;
    }

    /**
     * Returns a {@code k}-fold partition with seed 0.
     *
     * @throws IllegalArgumentException if {@code k < 2}
     */
    public static StratifiedGroupKFold of(int k) {
        if (k < 2) {
            throw new IllegalArgumentException("k is " + k + "; k-fold needs at least 2 folds");
        }
        return new StratifiedGroupKFold(k, 0L);
    }

    /** Returns a copy that draws with {@code newSeed}. */
    public StratifiedGroupKFold withSeed(long newSeed) {
        return new StratifiedGroupKFold(k, newSeed);
    }

    /** Returns the number of folds. */
    public int k() {
        return k;
    }

    /**
     * Partitions {@code rows} into {@code k} folds; split {@code i} has fold {@code i} as its test
     * part and the other folds as its train part.
     *
     * @param labels the label of every row of the data set
     * @param groups the group id of every row of the data set
     * @param rows the rows to partition
     * @throws IllegalArgumentException if there are fewer groups than folds, or a fold would be empty
     */
    public List<Split> folds(List<String> labels, List<String> groups, int[] rows) {
        Objects.requireNonNull(rows, "rows");
        GroupTable table = new GroupTable(labels, groups, rows);
        if (table.groupCount() < k) {
            throw new IllegalArgumentException("the rows form " + table.groupCount() + " groups but " + k
                    + "-fold needs at least " + k + "; use fewer folds");
        }
        int classes = table.labelMap().size();
        double[] share = new double[classes];
        for (int c = 0; c < classes; c++) {
            share[c] = table.total(c) / (double) k;
        }

        Integer[] order = Arrays.stream(table.shuffledOrder(new SplittableRandom(seed))).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Integer.compare(table.rows(b).length, table.rows(a).length));
        int[][] counts = new int[k][classes];
        int[] sizes = new int[k];
        List<List<Integer>> foldRows = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            foldRows.add(new ArrayList<>());
        }
        for (int group : order) {
            int best = bestFold(table.classCounts(group), counts, sizes, share);
            for (int c = 0; c < classes; c++) {
                counts[best][c] += table.classCounts(group)[c];
            }
            sizes[best] += table.rows(group).length;
            for (int row : table.rows(group)) {
                foldRows.get(best).add(row);
            }
        }

        List<Split> splits = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            List<Integer> train = new ArrayList<>();
            for (int other = 0; other < k; other++) {
                if (other != f) {
                    train.addAll(foldRows.get(other));
                }
            }
            int[] test = foldRows.get(f).stream().mapToInt(Integer::intValue).toArray();
            int[] rest = train.stream().mapToInt(Integer::intValue).toArray();
            splits.add(new Split(rest, test, seed, "stratified grouped fold " + (f + 1) + " of " + k));
        }
        return List.copyOf(splits);
    }

    private int bestFold(int[] groupCounts, int[][] counts, int[] sizes, double[] share) {
        int best = -1;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int f = 0; f < k; f++) {
            double cost = 0;
            for (int c = 0; c < share.length; c++) {
                cost += groupCounts[c] * (2 * (counts[f][c] - share[c]) + groupCounts[c]);
            }
            boolean better = cost < bestCost - 1e-12
                    || (Math.abs(cost - bestCost) <= 1e-12 && sizes[f] < sizes[best]);
            if (best < 0 || better) {
                best = f;
                bestCost = cost;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "StratifiedGroupKFold[k=" + k + ", seed=" + seed + "]";
    }
}
