package org.lens4j.probe.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.lens4j.probe.FeatureSet;

/**
 * Seeded feature sets of one labelled item set seen through several layers: one layer shifts
 * the class means apart along a few dimensions, the others are pure noise.
 */
final class SyntheticLayers {

    private SyntheticLayers() {
    }

    /**
     * Returns {@code layers} feature sets of {@code groups} groups of two rows each (a group
     * shares its label and type key), labels "defective"/"normal" alternating by group, with the
     * layer at index {@code informative} carrying a mean shift of {@code shift} in 4 of its
     * {@code d} dimensions.
     */
    static Map<LayerKey, FeatureSet> of(int layers, int informative, int groups, int d,
            double shift, long seed, boolean typeKeys) {
        List<String> labels = new ArrayList<>();
        List<String> groupIds = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            for (int k = 0; k < 2; k++) {
                labels.add(g % 2 == 0 ? "defective" : "normal");
                groupIds.add("image-" + g);
                types.add("texture-" + (g % 10));
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        Map<LayerKey, FeatureSet> sets = new LinkedHashMap<>();
        for (int layer = 0; layer < layers; layer++) {
            float[][] x = new float[labels.size()][d];
            for (int i = 0; i < x.length; i++) {
                double sign = labels.get(i).equals("defective") ? 0.5 : -0.5;
                for (int j = 0; j < d; j++) {
                    double mean = layer == informative && j < 4 ? sign * shift : 0;
                    x[i][j] = (float) (mean + gaussian(random));
                }
            }
            String module = "model.layers." + (layer * 7) + ".post_attention_layernorm";
            FeatureSet.Builder builder = FeatureSet.builder().setFeatures(x).setLabels(labels)
                    .optGroups(groupIds).optName(module + "/mean");
            if (typeKeys) {
                builder.optTypeKeys(types);
            }
            sets.put(new LayerKey(module, "mean"), builder.build());
        }
        return sets;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
