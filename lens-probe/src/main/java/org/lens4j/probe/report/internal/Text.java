package org.lens4j.probe.report.internal;

import java.awt.FontMetrics;

/** Fitting text into a pixel width. */
final class Text {

    private static final String ELLIPSIS = "…";

    private Text() {
    }

    /**
     * Returns {@code text} if it fits in {@code maxWidth} pixels, otherwise its start and end joined
     * by an ellipsis, keeping the end (the layer number and pooling) readable.
     */
    static String fit(String text, FontMetrics metrics, int maxWidth) {
        if (metrics.stringWidth(text) <= maxWidth) {
            return text;
        }
        for (int keep = text.length() - 1; keep > 0; keep--) {
            int keepEnd = (keep + 1) / 2;
            int keepStart = keep - keepEnd;
            String candidate = text.substring(0, keepStart) + ELLIPSIS
                    + text.substring(text.length() - keepEnd);
            if (metrics.stringWidth(candidate) <= maxWidth) {
                return candidate;
            }
        }
        return ELLIPSIS;
    }
}
