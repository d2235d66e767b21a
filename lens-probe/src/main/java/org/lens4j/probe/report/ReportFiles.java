package org.lens4j.probe.report;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The files written by {@link SweepReports#write}.
 *
 * @param json the JSON report
 * @param markdown the Markdown table
 * @param plot the PNG chart
 */
public record ReportFiles(Path json, Path markdown, Path plot) {

    /** Validates the components. */
    public ReportFiles {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(markdown, "markdown");
        Objects.requireNonNull(plot, "plot");
    }
}
