package org.lens4j.probe.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.lens4j.probe.sweep.SweepResult;

/** Writes all reports of a sweep into one directory. */
public final class SweepReports {

    private SweepReports() {
    }

    /**
     * Writes {@code baseName.json}, {@code baseName.md} and {@code baseName.png} into
     * {@code directory}, creating it if needed and replacing existing files.
     *
     * @throws IllegalArgumentException if {@code baseName} is blank or contains a path separator
     * @throws IOException if a file cannot be written
     */
    public static ReportFiles write(SweepResult result, Path directory, String baseName)
            throws IOException {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(baseName, "baseName");
        if (baseName.isBlank() || baseName.contains("/") || baseName.contains("\\")) {
            throw new IllegalArgumentException("baseName must be a plain file name, got '"
                    + baseName + "'; pass the directory separately");
        }

        Files.createDirectories(directory);
        ReportFiles files = new ReportFiles(directory.resolve(baseName + ".json"),
                directory.resolve(baseName + ".md"), directory.resolve(baseName + ".png"));
        JsonReport.write(result, files.json());
        MarkdownReport.write(result, files.markdown());
        SweepPlot.write(result, files.plot());
        return files;
    }
}
