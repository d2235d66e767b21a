package org.lens4j.probe.sweep;

/** The computation a sweep's permutation test repeats for each label permutation. */
public enum PermutationMode {

    /**
     * Refits an L2 logistic probe in kernel form on every permutation of all split labels (Ojala
     * &amp; Garriga test 1). One Gram matrix per layer serves all refits, so 1000 refits are cheap. The observed
     * statistic is that logistic probe's test accuracy, which equals the main probe's accuracy
     * only when the main probe is the same logistic probe. Two classes only.
     */
    KERNEL_LOGISTIC,

    /**
     * Retrains the main probe itself on every permutation of all split labels (Ojala &amp;
     * Garriga test 1). Exact for any probe, but costs {@code m} full trainings per layer.
     */
    REFIT_MAIN_PROBE,

    /**
     * Keeps the trained main probe and permutes the test labels against its predictions. Cheap,
     * but it ignores training variance.
     */
    FIXED_PREDICTIONS
}
