package org.lens4j.probe.sweep;

/** The control a main probe is compared with. */
public enum ControlKind {

    /** The same probe trained on training labels permuted within the training set. */
    SHUFFLED_LABELS("shuffled-label control"),

    /**
     * The same probe trained on a Hewitt &amp; Liang control task: a random label per type key,
     * with the label distribution of the real task.
     */
    CONTROL_TASK("control task");

    private final String displayName;

    ControlKind(String displayName) {
        this.displayName = displayName;
    }

    /** Returns the name used in tables and plot legends. */
    public String displayName() {
        return displayName;
    }
}
