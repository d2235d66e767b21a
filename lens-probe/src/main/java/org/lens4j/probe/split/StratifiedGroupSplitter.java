package org.lens4j.probe.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.lens4j.probe.FeatureSet;
import org.lens4j.probe.LabelMap;
import org.lens4j.probe.split.internal.GroupTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Immutable settings of a train/test split that is stratified by label and grouped by group id,
 * drawn with a fixed seed.
 *
 * <p>Two modes set the number of test (and train) rows of each class {@code c} with {@code n_c}
 * rows:
 *
 * <ul>
 *   <li><b>fractions</b>: {@code test_c = round(f_test · n_c)} (half up), clamped to {@code [1, n_c − 1]};
 *       {@code train_c = n_c − test_c}, or {@code round(f_train · n_c)} capped at that when a train
 *       fraction is set. Example: 45 A + 5 B with {@code f_test = 0.2} gives a test part of exactly
 *       9 A + 1 B.
 *   <li><b>counts</b>: exact numbers per class, such as 150 train + 100 test out of 250; rows in
 *       neither part are left out.
 * </ul>
 *
 * <p>Groups are visited in a seeded random order (Fisher–Yates over {@link SplittableRandom}); a
 * group joins the test part when all its rows fit the remaining test counts, then the remaining
 * groups fill the train part the same way. With one row per group, or groups of one label, the
 * counts are always met exactly. Groups that mix labels or differ in size can make the exact counts
 * unreachable for one order, so up to {@value #MAX_ATTEMPTS} orders from the same seed are tried
 * before the split fails.
 *
 * <pre>{@code
 * Split split = StratifiedGroupSplitter.counts(150, 100).withSeed(7).split(data);
 * }</pre>
 */
public final class StratifiedGroupSplitter {

    /** Number of group orders tried before exact counts are declared unreachable. */
    public static final int MAX_ATTEMPTS = 200;

    private static final Logger LOG = LoggerFactory.getLogger(StratifiedGroupSplitter.class);

    private final double testFraction;
    private final double trainFraction;
    private final Map<String, Integer> trainCounts;
    private final Map<String, Integer> testCounts;
    private final long seed;
    private final int uniformTrain;
    private final int uniformTest;

    private StratifiedGroupSplitter(double testFraction, double trainFraction,
            Map<String, Integer> trainCounts, Map<String, Integer> testCounts, long seed) {
        this(testFraction, trainFraction, trainCounts, testCounts, seed, 0, 0);
    }

    private StratifiedGroupSplitter(double testFraction, double trainFraction, Map<String, Integer> trainCounts,
            Map<String, Integer> testCounts, long seed, int uniformTrain, int uniformTest) {
        this.testFraction = testFraction;
        this.trainFraction = trainFraction;
        this.trainCounts = trainCounts;
        this.testCounts = testCounts;
        this.seed = seed;
        this.uniformTrain = uniformTrain;
        this.uniformTest = uniformTest;
    }

    private boolean usesCounts() {
        return trainCounts != null || uniformTrain > 0;
    }

    /**
     * Returns a splitter that puts {@code testFraction} of each class in the test part and the rest
     * in the train part; the seed is 0 until {@link #withSeed} sets it.
     *
     * @throws IllegalArgumentException unless {@code 0 < testFraction < 1}
     */
    public static StratifiedGroupSplitter testFraction(double testFraction) {
        checkFraction("testFraction", testFraction);
        return new StratifiedGroupSplitter(testFraction, Double.NaN, null, null, 0L);
    }

    /**
     * Returns a splitter with the same exact train and test count for every class.
     *
     * @throws IllegalArgumentException if a count is below 1
     */
    public static StratifiedGroupSplitter counts(int trainPerClass, int testPerClass) {
        checkCount("trainPerClass", trainPerClass);
        checkCount("testPerClass", testPerClass);
        return new StratifiedGroupSplitter(Double.NaN, Double.NaN, null, null, 0L, trainPerClass, testPerClass);
    }

    /**
     * Returns a splitter with exact train and test counts per class label; every class of the data
     * must have an entry in both maps.
     *
     * @throws IllegalArgumentException if a count is below 1 or the maps name different classes
     */
    public static StratifiedGroupSplitter counts(Map<String, Integer> trainPerClass,
            Map<String, Integer> testPerClass) {
        Map<String, Integer> train = new TreeMap<>(trainPerClass);
        Map<String, Integer> test = new TreeMap<>(testPerClass);
        if (!train.keySet().equals(test.keySet())) {
            throw new IllegalArgumentException("train counts name classes " + train.keySet()
                    + " but test counts name " + test.keySet() + "; give both for the same classes");
        }
        train.forEach((label, count) -> checkCount("train count of '" + label + "'", count));
        test.forEach((label, count) -> checkCount("test count of '" + label + "'", count));
        return new StratifiedGroupSplitter(Double.NaN, Double.NaN, train, test, 0L);
    }

    /** Returns a copy that draws with {@code newSeed}. */
    public StratifiedGroupSplitter withSeed(long newSeed) {
        return new StratifiedGroupSplitter(testFraction, trainFraction, trainCounts, testCounts, newSeed,
                uniformTrain, uniformTest);
    }

    /**
     * Returns a copy that keeps only {@code round(f · n_c)} rows of each class for training (capped
     * at what the test part leaves); fraction mode only.
     *
     * @throws IllegalArgumentException unless {@code 0 < f ≤ 1}, or in count mode
     */
    public StratifiedGroupSplitter withTrainFraction(double f) {
        if (usesCounts()) {
            throw new IllegalArgumentException("withTrainFraction applies to fraction splits; this splitter uses counts");
        }
        if (!(f > 0 && f <= 1)) {
            throw new IllegalArgumentException("trainFraction is " + f + "; it must lie in (0, 1]");
        }
        return new StratifiedGroupSplitter(testFraction, f, null, null, seed);
    }

    /** Returns the seed. */
    public long seed() {
        return seed;
    }

    /** Splits the rows of {@code data} by its labels and groups. */
    public Split split(FeatureSet data) {
        return split(data.labels(), data.groups());
    }

    /** Splits rows {@code 0 … n−1} given their labels and group ids. */
    public Split split(List<String> labels, List<String> groups) {
        int[] all = new int[labels.size()];
        Arrays.setAll(all, i -> i);
        return split(labels, groups, all);
    }

    /**
     * Splits the subset {@code rows} of a data set, for instance its training part into fit and
     * validation rows; the returned split contains row numbers of the whole data set.
     *
     * @param labels the label of every row of the data set
     * @param groups the group id of every row of the data set
     * @param rows the rows to split
     * @throws IllegalArgumentException if a class has too few rows for the requested counts, naming
     *     the class and its count, or if exact counts cannot be met with whole groups
     */
    public Split split(List<String> labels, List<String> groups, int[] rows) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(groups, "groups");
        if (labels.size() != groups.size()) {
            throw new IllegalArgumentException("labels has " + labels.size() + " entries but groups has "
                    + groups.size() + "; give one group id per label");
        }
        GroupTable table = new GroupTable(labels, groups, rows);
        LabelMap classes = table.labelMap();
        int[] testQuota = new int[classes.size()];
        int[] trainQuota = new int[classes.size()];
        boolean trainTakesRest = fillQuotas(table, testQuota, trainQuota);

        SplittableRandom random = new SplittableRandom(seed);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int[] order = table.shuffledOrder(random);
            List<Integer> test = new ArrayList<>();
            List<Integer> train = new ArrayList<>();
            boolean[] used = new boolean[table.groupCount()];
            boolean testMet = fill(table, order, used, testQuota, false, test);
            boolean trainMet = fill(table, order, used, trainQuota, trainTakesRest, train);
            if (testMet && trainMet) {
                LOG.debug("Split {} rows into {} train and {} test after {} group order(s), seed {}",
                        rows.length, train.size(), test.size(), attempt + 1, seed);
                return new Split(toArray(train), toArray(test), seed, describe(classes, trainQuota, testQuota));
            }
        }
        throw new IllegalArgumentException("no assignment of whole groups meets the counts train "
                + perClass(classes, trainQuota) + ", test " + perClass(classes, testQuota) + " after "
                + MAX_ATTEMPTS + " group orders (seed " + seed + "); groups mix labels or differ in size,"
                + " so choose counts the group sizes can add up to, or use fractions");
    }

    private boolean fillQuotas(GroupTable table, int[] testQuota, int[] trainQuota) {
        LabelMap classes = table.labelMap();
        boolean fractions = !usesCounts();
        for (int c = 0; c < classes.size(); c++) {
            String label = classes.label(c);
            int available = table.total(c);
            if (fractions) {
                if (available < 2) {
                    throw new IllegalArgumentException("class '" + label + "' has " + available
                            + " example(s); a stratified split needs at least 2 per class (one train, one test)");
                }
                int test = (int) Math.min(available - 1, Math.max(1, Math.round(testFraction * available)));
                testQuota[c] = test;
                trainQuota[c] = Double.isNaN(trainFraction)
                        ? available - test
                        : (int) Math.min(available - test, Math.max(1, Math.round(trainFraction * available)));
            } else {
                trainQuota[c] = uniformTrain > 0 ? uniformTrain : countFor(trainCounts, label);
                testQuota[c] = uniformTest > 0 ? uniformTest : countFor(testCounts, label);
                if (trainQuota[c] + testQuota[c] > available) {
                    throw new IllegalArgumentException("class '" + label + "' has " + available
                            + " example(s) but the split asks for " + trainQuota[c] + " train + " + testQuota[c]
                            + " test; lower the counts or add examples");
                }
            }
        }
        return fractions && Double.isNaN(trainFraction);
    }

    private static int countFor(Map<String, Integer> counts, String label) {
        Integer count = counts.get(label);
        if (count == null) {
            throw new IllegalArgumentException("class '" + label + "' has no count in " + counts.keySet()
                    + "; give counts for every class");
        }
        return count;
    }

    /** Adds groups in {@code order} while they fit the quota; returns whether it is met exactly. */
    private static boolean fill(GroupTable table, int[] order, boolean[] used, int[] quota, boolean takeAll,
            List<Integer> out) {
        int[] taken = new int[quota.length];
        for (int group : order) {
            if (used[group]) {
                continue;
            }
            int[] counts = table.classCounts(group);
            boolean fits = true;
            for (int c = 0; c < quota.length && !takeAll; c++) {
                fits &= taken[c] + counts[c] <= quota[c];
            }
            if (!fits) {
                continue;
            }
            used[group] = true;
            for (int c = 0; c < quota.length; c++) {
                taken[c] += counts[c];
            }
            for (int row : table.rows(group)) {
                out.add(row);
            }
        }
        return takeAll || Arrays.equals(taken, quota);
    }

    private static int[] toArray(List<Integer> rows) {
        int[] array = rows.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(array);
        return array;
    }

    private static String perClass(LabelMap classes, int[] counts) {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < counts.length; c++) {
            text.append(c == 0 ? "" : " + ").append(counts[c]).append(' ').append(classes.label(c));
        }
        return text.toString();
    }

    private String describe(LabelMap classes, int[] trainQuota, int[] testQuota) {
        String mode = usesCounts() ? "counts" : "test fraction " + testFraction;
        return "stratified grouped (" + mode + "): train " + perClass(classes, trainQuota) + ", test "
                + perClass(classes, testQuota);
    }

    private static void checkFraction(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " is " + value + "; it must lie strictly between 0 and 1");
        }
    }

    private static void checkCount(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " is " + value + "; it must be at least 1");
        }
    }

    @Override
    public String toString() {
        if (!usesCounts()) {
            return "StratifiedGroupSplitter[testFraction=" + testFraction + ", seed=" + seed + "]";
        }
        return uniformTrain > 0
                ? "StratifiedGroupSplitter[train=" + uniformTrain + "/class, test=" + uniformTest + "/class, seed="
                        + seed + "]"
                : "StratifiedGroupSplitter[train=" + trainCounts + ", test=" + testCounts + ", seed=" + seed + "]";
    }
}
