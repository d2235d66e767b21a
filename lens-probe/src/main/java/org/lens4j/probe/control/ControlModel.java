package org.lens4j.probe.control;

import java.util.List;
import java.util.Objects;
import org.lens4j.probe.Control;
import org.lens4j.probe.FeatureSet;
import org.lens4j.probe.split.Split;

/**
 * The control-model probe: the same probe, split and labels, on the features of another model
 * (for instance the same architecture with random weights) for the same items.
 */
public final class ControlModel implements Control {

    private final FeatureSet controlFeatures;

    private ControlModel(FeatureSet controlFeatures) {
        this.controlFeatures = controlFeatures;
    }

    /**
     * Returns the control that probes {@code controlFeatures} instead of the main features; the
     * runner checks that both describe the same items.
     */
    public static ControlModel of(FeatureSet controlFeatures) {
        return new ControlModel(Objects.requireNonNull(controlFeatures, "controlFeatures"));
    }

    @Override
    public String name() {
        return "control-model";
    }

    @Override
    public List<String> targets(FeatureSet data, Split split, long seed) {
        return data.labels();
    }

    @Override
    public FeatureSet features(FeatureSet data) {
        return controlFeatures;
    }

    @Override
    public String toString() {
        return "ControlModel[" + controlFeatures + "]";
    }
}
