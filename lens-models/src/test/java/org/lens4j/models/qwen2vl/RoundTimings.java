package org.lens4j.models.qwen2vl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Times of several variants measured in interleaved rounds (one time per variant per
 * round), with the summaries the benchmarks print.
 *
 * <p>The overhead of a variant against the baseline is {@code median(variant) / median(baseline)
 * - 1} for a variant that does the baseline's work and more, and {@code median(variant) /
 * median(baseline)} for a variant that does only the added work. Its 95% interval is the
 * percentile bootstrap over rounds: each resample draws whole rounds with replacement, so the
 * pairing of times taken in the same round is kept.
 */
final class RoundTimings {

    private static final int RESAMPLES = 4000;
    private static final double LOWER_QUANTILE = 0.025;
    private static final double UPPER_QUANTILE = 0.975;

    private final Map<String, List<Double>> seconds = new LinkedHashMap<>();
    private final Set<String> addedWorkOnly = new HashSet<>();

    /**
     * Adds a variant; call before recording its times.
     *
     * @param addedWork whether the variant does only the work added to the baseline, so that its
     *     whole time is overhead
     */
    void addVariant(String name, boolean addedWork) {
        seconds.put(name, new ArrayList<>());
        if (addedWork) {
            addedWorkOnly.add(name);
        }
    }

    /** Records one time of {@code variant} in seconds. */
    void record(String variant, double time) {
        seconds.get(variant).add(time);
    }

    /** Returns the recorded times of {@code variant}, in round order. */
    double[] times(String variant) {
        return seconds.get(variant).stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Returns a Markdown table with one row per variant: rounds, mean, median, minimum, and the
     * overhead against {@code baseline} with its bootstrap interval.
     *
     * @param seed the seed of the bootstrap resampling
     */
    String markdownTable(String baseline, long seed) {
        double[] base = times(baseline);
        StringBuilder out = new StringBuilder();
        out.append("| variant | rounds | mean (ms) | median (ms) | min (ms) | overhead (medians) | 95% bootstrap interval |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (String variant : seconds.keySet()) {
            double[] times = times(variant);
            String overhead = "—";
            String interval = "—";
            if (!variant.equals(baseline)) {
                boolean added = addedWorkOnly.contains(variant);
                overhead = percent(overhead(base, times, added));
                double[] bounds = bootstrapInterval(base, times, added, seed);
                interval = "[" + percent(bounds[0]) + ", " + percent(bounds[1]) + "]";
            }
            out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %s | %s |%n", variant,
                    times.length, mean(times) * 1e3, median(times) * 1e3, min(times) * 1e3, overhead, interval));
        }
        return out.toString();
    }

    /**
     * Returns {@code median(variant) / median(baseline)}, less 1 unless the variant does only the
     * added work.
     */
    static double overhead(double[] baseline, double[] variant, boolean addedWork) {
        double ratio = median(variant) / median(baseline);
        return addedWork ? ratio : ratio - 1;
    }

    /**
     * Returns the 2.5% and 97.5% quantiles of {@link #overhead} over {@value #RESAMPLES} resamples
     * of whole rounds.
     *
     * @throws IllegalArgumentException when the two arrays have different lengths
     */
    static double[] bootstrapInterval(double[] baseline, double[] variant, boolean addedWork, long seed) {
        if (baseline.length != variant.length) {
            throw new IllegalArgumentException("paired times need the same number of rounds, got "
                    + baseline.length + " and " + variant.length);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int rounds = baseline.length;
        double[] estimates = new double[RESAMPLES];
        double[] base = new double[rounds];
        double[] other = new double[rounds];
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < rounds; i++) {
                int pick = random.nextInt(rounds);
                base[i] = baseline[pick];
                other[i] = variant[pick];
            }
            estimates[r] = overhead(base, other, addedWork);
        }
        Arrays.sort(estimates);
        return new double[] {quantile(estimates, LOWER_QUANTILE), quantile(estimates, UPPER_QUANTILE)};
    }

    static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return quantile(sorted, 0.5);
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    /** Returns the quantile of sorted values, interpolating linearly between order statistics. */
    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%+.1f %%", fraction * 100);
    }
}
