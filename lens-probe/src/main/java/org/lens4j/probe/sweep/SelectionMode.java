package org.lens4j.probe.sweep;

/** The probe a sweep cross-validates inside the training part to rank the layers. */
public enum SelectionMode {

    /**
     * The sweep's kernel-form L2 logistic probe and its shuffled-label control, refitted on one
     * Gram matrix per fold: a few milliseconds per fold whatever the main probe. Ranks layers by
     * linear decodability. Two classes only.
     */
    KERNEL_LOGISTIC,

    /**
     * The main probe and its shuffled-label control, trained on every fold: {@code 2k} extra
     * trainings per layer.
     */
    MAIN_PROBE
}
