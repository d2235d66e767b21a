package org.lens4j.core.capture;

/** Which tensor of a module a capture keeps. */
public enum CaptureTarget {
    /** The module's output; for a tuple output, its first tensor. */
    OUTPUT,
    /** The module's first tensor argument. */
    INPUT
}
