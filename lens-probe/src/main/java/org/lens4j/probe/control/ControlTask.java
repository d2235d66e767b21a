package org.lens4j.probe.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lens4j.probe.Control;
import org.lens4j.probe.FeatureSet;
import org.lens4j.probe.LabelMap;
import org.lens4j.probe.split.Split;

/**
 * The control task of Hewitt &amp; Liang ("Designing and Interpreting Probes with Control Tasks",
 * EMNLP 2019): every distinct type key (a texture id, an image group) gets one random label, and
 * every row of that type takes it, in the training and the test part alike. Labels are drawn
 * independently per type from the empirical label distribution of all rows, visiting types in
 * sorted order, so the draw does not depend on row order.
 *
 * <p>With few types, every type can draw the same label; a draw that leaves the training part
 * with a single class is redrawn (up to {@value #MAX_DRAWS} times) from the next random stream, so
 * the result still depends on the seed alone. The redraw conditions the assignment on the training
 * part holding both classes.
 *
 * <p>A probe that scores well on the control task memorises types rather than reading the
 * property; the selectivity of a layer is main accuracy minus control-task accuracy.
 */
public final class ControlTask implements Control {

    /** Draws of the type labels tried before giving up on a training part with a single class. */
    static final int MAX_DRAWS = 100;

    private final List<String> typeKeys;

    private ControlTask(List<String> typeKeys) {
        this.typeKeys = typeKeys == null ? null : List.copyOf(typeKeys);
    }

    /** Returns the control task over the feature set's own type keys ({@link FeatureSet#typeKeys()}). */
    public static ControlTask create() {
        return new ControlTask(null);
    }

    /** Returns the control task over {@code typeKeys}, one per row, instead of the feature set's. */
    public static ControlTask overTypes(List<String> typeKeys) {
        return new ControlTask(typeKeys);
    }

    @Override
    public String name() {
        return "control-task";
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if no type keys are given or their number differs from the rows
     */
    @Override
    public List<String> targets(FeatureSet data, Split split, long seed) {
        List<String> keys = typeKeys != null ? typeKeys : data.typeKeys().orElseThrow(() ->
                new IllegalArgumentException("feature set " + data + " has no type keys; set them with"
                        + " FeatureSet.Builder.optTypeKeys or use ControlTask.overTypes"));
        if (keys.size() != data.size()) {
            throw new IllegalArgumentException("the control task has " + keys.size() + " type keys for "
                    + data.size() + " rows; give one per row");
        }
        LabelMap labelMap = data.labelMap();
        double[] cumulative = cumulativeDistribution(labelMap.indicesOf(data.labels()), labelMap.size());
        SplittableRandom random = new SplittableRandom(seed);
        TreeSet<String> types = new TreeSet<>(keys);
        for (int attempt = 0; attempt < MAX_DRAWS; attempt++) {
            List<String> targets = draw(keys, types, labelMap, cumulative, random.split());
            if (trainingClasses(targets, split) >= 2) {
                return targets;
            }
        }
        throw new IllegalArgumentException("the control task over " + types.size() + " types gave the training"
                + " part a single class in " + MAX_DRAWS + " draws; use a type key with more distinct values");
    }

    private static List<String> draw(List<String> keys, TreeSet<String> types, LabelMap labelMap,
            double[] cumulative, SplittableRandom random) {
        Map<String, String> labelOfType = new TreeMap<>();
        for (String key : types) {
            labelOfType.put(key, labelMap.label(draw(cumulative, random.nextDouble())));
        }
        List<String> targets = new ArrayList<>(keys.size());
        for (String key : keys) {
            targets.add(labelOfType.get(key));
        }
        return targets;
    }

    private static long trainingClasses(List<String> targets, Split split) {
        return Arrays.stream(split.trainRows()).mapToObj(targets::get).distinct().count();
    }

    private static double[] cumulativeDistribution(int[] labels, int classes) {
        double[] cumulative = new double[classes];
        for (int label : labels) {
            cumulative[label]++;
        }
        for (int c = 0; c < classes; c++) {
            cumulative[c] = (c == 0 ? 0 : cumulative[c - 1]) + cumulative[c] / labels.length;
        }
        return cumulative;
    }

    private static int draw(double[] cumulative, double u) {
        for (int c = 0; c < cumulative.length - 1; c++) {
            if (u < cumulative[c]) {
                return c;
            }
        }
        return cumulative.length - 1;
    }

    @Override
    public String toString() {
        return "ControlTask";
    }
}
