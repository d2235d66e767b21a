package org.lens4j.probe.sweep;

import java.util.Objects;
import org.lens4j.probe.stats.ConfidenceInterval;
import org.lens4j.probe.stats.McNemarResult;
import org.lens4j.probe.stats.SelectivityResult;

/**
 * The test accuracy of a control probe on one layer, and the comparison of the main probe with it.
 *
 * @param kind which control
 * @param accuracy the control probe's accuracy against the true test labels
 * @param interval Wilson interval of {@code accuracy}
 * @param selectivity main minus control accuracy with its clustered bootstrap interval
 * @param mainVersusControl McNemar test of main against control predictions on the same items
 */
public record ControlResult(
        ControlKind kind,
        double accuracy,
        ConfidenceInterval interval,
        SelectivityResult selectivity,
        McNemarResult mainVersusControl) {

    /** Validates the components. */
    public ControlResult {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(selectivity, "selectivity");
        Objects.requireNonNull(mainVersusControl, "mainVersusControl");
    }
}
