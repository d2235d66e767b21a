package org.lens4j.probe.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.lens4j.probe.report.internal.AccuracyChart;
import org.lens4j.probe.sweep.SweepResult;

/**
 * A PNG chart of a sweep: test accuracy of the main probe and of its controls per layer, with
 * interval bars, the chance level and the recommended layer highlighted. Drawn with Java2D and
 * safe in a headless JVM.
 *
 * <p>Layers appear in rank order. Long module names are rotated so that they never overlap, and
 * the image grows downwards to fit them.
 */
public final class SweepPlot {

    /** Default image width in pixels. */
    public static final int DEFAULT_WIDTH = 1200;

    private SweepPlot() {
    }

    /** Renders the chart at {@value #DEFAULT_WIDTH} pixels wide. */
    public static BufferedImage render(SweepResult result) {
        return render(result, DEFAULT_WIDTH);
    }

    /**
     * Renders the chart.
     *
     * @param width image width in pixels, at least 480; the height follows from the labels
     * @throws IllegalArgumentException if {@code width < 480}
     */
    public static BufferedImage render(SweepResult result, int width) {
        Objects.requireNonNull(result, "result");
        if (width < 480) {
            throw new IllegalArgumentException(
                    "width must be at least 480 pixels, got " + width);
        }
        return new AccuracyChart(result, width).draw();
    }

    /**
     * Writes the chart as PNG to {@code file}, replacing it.
     *
     * @throws IOException if the file cannot be written
     */
    public static void write(SweepResult result, Path file) throws IOException {
        BufferedImage image = render(result);
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer is available to write " + file);
        }
    }
}
