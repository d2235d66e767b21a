package org.lens4j.probe.stats;

/** Direction of the alternative hypothesis of a test. */
public enum AlternativeHypothesis {
    /** The statistic differs from its null value in either direction. */
    TWO_SIDED,
    /** The statistic is greater than its null value. */
    GREATER_THAN,
    /** The statistic is less than its null value. */
    LESS_THAN
}
