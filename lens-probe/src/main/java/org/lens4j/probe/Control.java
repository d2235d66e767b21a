package org.lens4j.probe;

import java.util.List;
import org.lens4j.probe.split.Split;

/**
 * The features and target labels a probe run is trained and scored on. The main probe uses {@link #NONE}; control probes (see {@code org.lens4j.probe.control}) change
 * the targets or the features and then go through the same training code.
 */
public interface Control {

    /** The main probe: the data's own features and labels. */
    Control NONE = new Control() {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public List<String> targets(FeatureSet data, Split split, long seed) {
            return data.labels();
        }
    };

    /** Returns a short name recorded in results, such as {@code "shuffled-labels"}. */
    String name();

    /**
     * Returns the target label of every row of {@code data} ({@code data.size()} entries): training
     * rows are trained on their target, test rows are scored against theirs. Every target must be
     * one of the data's labels.
     *
     * @param data the feature set of the main probe
     * @param split the split of the run
     * @param seed a seed derived for this control from the run's seed and run index
     */
    List<String> targets(FeatureSet data, Split split, long seed);

    /**
     * Returns the features to probe; the data's own unless the control swaps them (control model).
     * The returned set must describe the same items ({@link FeatureSet#hasSameItems}).
     */
    default FeatureSet features(FeatureSet data) {
        return data;
    }
}
