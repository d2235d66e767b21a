package org.lens4j.probe.report.internal;

import java.util.Locale;

/** Locale-independent number formatting for the reports. */
public final class Numbers {

    private Numbers() {
    }

    /** Formats a value with three decimals, such as {@code 0.865}. */
    public static String fixed3(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** Formats a signed value with three decimals, such as {@code +0.215}. */
    public static String signed3(double value) {
        return String.format(Locale.ROOT, "%+.3f", value);
    }

    /** Formats a p-value: three decimals from 0.001 up, otherwise scientific with two digits. */
    public static String pValue(double p) {
        if (p >= 0.001) {
            return String.format(Locale.ROOT, "%.3f", p);
        }
        return String.format(Locale.ROOT, "%.2e", p);
    }

    /** Formats a confidence level as a percentage, such as {@code 95%}. */
    public static String percent(double level) {
        double percent = level * 100;
        if (percent == Math.rint(percent)) {
            return String.format(Locale.ROOT, "%.0f%%", percent);
        }
        return String.format(Locale.ROOT, "%.1f%%", percent);
    }
}
