package org.lens4j.core.capture;

/** The tensor of a module that a capture keeps: its output or its input. */
public enum CaptureTarget {
    /** The module's output; for a tuple output, its first tensor. */
    OUTPUT,
    /** The module's first tensor argument. */
    INPUT
}
