package org.lens4j.probe.control;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.lens4j.probe.Control;
import org.lens4j.probe.FeatureSet;
import org.lens4j.probe.split.Split;

/**
 * The shuffled-label control, which permutes the labels of the training rows among themselves
 * (seeded Fisher–Yates). Test rows keep their true labels, so the probe is scored against the
 * truth and should sit at chance.
 */
public final class ShuffledLabels implements Control {

    private ShuffledLabels() {
    }

    /** Returns the control. */
    public static ShuffledLabels create() {
        return new ShuffledLabels();
    }

    @Override
    public String name() {
        return "shuffled-labels";
    }

    @Override
    public List<String> targets(FeatureSet data, Split split, long seed) {
        List<String> targets = new ArrayList<>(data.labels());
        int[] train = split.trainRows();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = train.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String swap = targets.get(train[i]);
            targets.set(train[i], targets.get(train[j]));
            targets.set(train[j], swap);
        }
        return targets;
    }

    @Override
    public String toString() {
        return "ShuffledLabels";
    }
}
