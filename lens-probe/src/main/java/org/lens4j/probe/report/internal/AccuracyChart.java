package org.lens4j.probe.report.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lens4j.probe.stats.ConfidenceInterval;
import org.lens4j.probe.sweep.ControlKind;
import org.lens4j.probe.sweep.LayerResult;
import org.lens4j.probe.sweep.SweepResult;

/**
 * Draws the accuracy-per-layer chart of a sweep: one category per layer in rank order, a point with
 * an interval bar per series, a dashed chance line, a shaded band behind the recommended layer and
 * a legend above the plot.
 */
public final class AccuracyChart {

    private static final Color MAIN = new Color(0x0072B2);
    private static final Color SHUFFLED = new Color(0xD55E00);
    private static final Color TASK = new Color(0x009E73);
    private static final Color CHANCE = new Color(0x555555);
    private static final Color GRID = new Color(0xE3E3E3);
    private static final Color RECOMMENDED = new Color(0xFFF1C2);
    private static final Color TEXT = new Color(0x222222);

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 20);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font AXIS_TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private static final int PLOT_HEIGHT = 420;
    private static final int MARGIN = 16;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int LABEL_GAP = 8;
    private static final int MAX_LABEL_LINES = 4;
    private static final int MAX_LABEL_WIDTH = 420;

    private final SweepResult result;
    private final int width;
    private final List<Series> series;

    /** One plotted quantity: its legend name, colour, marker and which accuracy it shows. */
    private record Series(String name, Color color, Marker marker, Quantity quantity) {
    }

    private enum Marker { CIRCLE, SQUARE, DIAMOND }

    private enum Quantity { MAIN, SHUFFLED, TASK }

    /** Creates a chart of {@code result} that is {@code width} pixels wide. */
    public AccuracyChart(SweepResult result, int width) {
        this.result = result;
        this.width = width;
        this.series = new ArrayList<>();
        series.add(new Series("main probe", MAIN, Marker.CIRCLE, Quantity.MAIN));
        series.add(new Series(ControlKind.SHUFFLED_LABELS.displayName(), SHUFFLED, Marker.SQUARE,
                Quantity.SHUFFLED));
        if (result.hasControlTask()) {
            series.add(new Series(ControlKind.CONTROL_TASK.displayName(), TASK, Marker.DIAMOND,
                    Quantity.TASK));
        }
    }

    /** Lays out and draws the chart. */
    public BufferedImage draw() {
        Graphics2D measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        int plotWidth = width - LEFT - RIGHT;
        double spacing = (double) plotWidth / result.ranking().size();
        XLabels labels = XLabels.layout(labelTexts(), measure.getFontMetrics(TICK), spacing,
                MAX_LABEL_LINES, MAX_LABEL_WIDTH);
        int titleHeight = measure.getFontMetrics(TITLE).getHeight();
        int subtitleHeight = measure.getFontMetrics(SUBTITLE).getHeight();
        List<List<LegendItem>> legendRows = legendRows(measure.getFontMetrics(LEGEND));
        int legendHeight = legendRows.size() * (measure.getFontMetrics(LEGEND).getHeight() + 6);
        int axisTitleHeight = measure.getFontMetrics(AXIS_TITLE).getHeight();
        measure.dispose();

        int top = MARGIN + titleHeight + subtitleHeight + MARGIN / 2 + legendHeight + MARGIN;
        int bottom = LABEL_GAP + labels.height() + MARGIN + axisTitleHeight + MARGIN;
        int height = top + PLOT_HEIGHT + bottom;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                    RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);

            Frame frame = new Frame(LEFT, top, plotWidth, PLOT_HEIGHT, spacing);
            drawTitles(g, titleHeight);
            drawLegend(g, legendRows, MARGIN + titleHeight + subtitleHeight + MARGIN / 2);
            drawRecommendedBand(g, frame);
            drawGrid(g, frame);
            drawChance(g, frame);
            drawSeries(g, frame);
            labels.draw(g, TICK, TEXT, frame.left, frame.bottom() + LABEL_GAP, spacing);
            drawAxisTitles(g, frame, frame.bottom() + LABEL_GAP + labels.height() + MARGIN);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The plot rectangle in pixels and the width of one category. */
    private record Frame(int left, int top, int width, int height, double spacing) {

        int bottom() {
            return top + height;
        }

        int y(double accuracy) {
            return (int) Math.round(top + height * (1 - accuracy));
        }

        double centre(int category) {
            return left + spacing * (category + 0.5);
        }
    }

    private List<String> labelTexts() {
        List<String> texts = new ArrayList<>();
        for (LayerResult layer : result.ranking()) {
            texts.add(layer.layer().toString());
        }
        return texts;
    }

    private void drawTitles(Graphics2D g, int titleHeight) {
        int available = width - 2 * MARGIN;
        g.setColor(TEXT);
        g.setFont(TITLE);
        String title = Text.fit("Probe accuracy by layer: " + result.modelId(),
                g.getFontMetrics(), available);
        int y = MARGIN + g.getFontMetrics().getAscent();
        g.drawString(title, (width - g.getFontMetrics().stringWidth(title)) / 2, y);

        g.setFont(SUBTITLE);
        double level = result.recommendedResult().accuracyInterval().confidenceLevel();
        String subtitle = Text.fit(String.format(Locale.ROOT, "Test accuracy with %s Wilson"
                + " intervals, layers ranked by cross-validated selectivity; recommended: %s",
                Numbers.percent(level), result.recommended()), g.getFontMetrics(), available);
        y = MARGIN + titleHeight + g.getFontMetrics().getAscent();
        g.drawString(subtitle, (width - g.getFontMetrics().stringWidth(subtitle)) / 2, y);
    }

    /** One legend entry: how to draw its swatch, and its text. */
    private record LegendItem(String text, Series series, boolean chance, boolean band) {
    }

    private List<List<LegendItem>> legendRows(FontMetrics metrics) {
        List<LegendItem> items = new ArrayList<>();
        for (Series s : series) {
            items.add(new LegendItem(s.name(), s, false, false));
        }
        items.add(new LegendItem("chance level (" + Numbers.fixed3(result.chanceLevel()) + ")",
                null, true, false));
        items.add(new LegendItem("recommended layer", null, false, true));

        List<List<LegendItem>> rows = new ArrayList<>();
        List<LegendItem> row = new ArrayList<>();
        int x = 0;
        for (LegendItem item : items) {
            int itemWidth = legendItemWidth(item, metrics);
            if (!row.isEmpty() && x + itemWidth > width - LEFT - RIGHT) {
                rows.add(row);
                row = new ArrayList<>();
                x = 0;
            }
            row.add(item);
            x += itemWidth;
        }
        rows.add(row);
        return rows;
    }

    private static int legendItemWidth(LegendItem item, FontMetrics metrics) {
        return 34 + metrics.stringWidth(item.text()) + 24;
    }

    private void drawLegend(Graphics2D g, List<List<LegendItem>> rows, int top) {
        g.setFont(LEGEND);
        FontMetrics metrics = g.getFontMetrics();
        int rowHeight = metrics.getHeight() + 6;
        for (int r = 0; r < rows.size(); r++) {
            int x = LEFT;
            int centreY = top + r * rowHeight + rowHeight / 2;
            for (LegendItem item : rows.get(r)) {
                drawSwatch(g, item, x, centreY);
                g.setColor(TEXT);
                g.drawString(item.text(), x + 34,
                        centreY + (metrics.getAscent() - metrics.getDescent()) / 2);
                x += legendItemWidth(item, metrics);
            }
        }
    }

    private static void drawSwatch(Graphics2D g, LegendItem item, int x, int centreY) {
        if (item.band()) {
            g.setColor(RECOMMENDED);
            g.fillRect(x + 4, centreY - 8, 22, 16);
            g.setColor(GRID.darker());
            g.drawRect(x + 4, centreY - 8, 22, 16);
        } else if (item.chance()) {
            Stroke saved = g.getStroke();
            g.setColor(CHANCE);
            g.setStroke(dashed());
            g.drawLine(x, centreY, x + 28, centreY);
            g.setStroke(saved);
        } else {
            g.setColor(item.series().color());
            g.setStroke(new BasicStroke(1.6f));
            g.drawLine(x + 14, centreY - 8, x + 14, centreY + 8);
            drawMarker(g, item.series().marker(), x + 14, centreY);
        }
    }

    private void drawRecommendedBand(Graphics2D g, Frame frame) {
        for (int i = 0; i < result.ranking().size(); i++) {
            if (result.ranking().get(i).layer().equals(result.recommended())) {
                int x0 = (int) Math.round(frame.left + frame.spacing * i);
                int x1 = (int) Math.round(frame.left + frame.spacing * (i + 1));
                g.setColor(RECOMMENDED);
                g.fillRect(x0, frame.top, x1 - x0, frame.height);
            }
        }
    }

    private void drawGrid(Graphics2D g, Frame frame) {
        g.setFont(TICK);
        FontMetrics metrics = g.getFontMetrics();
        for (int tick = 0; tick <= 10; tick++) {
            double value = tick / 10.0;
            int y = frame.y(value);
            g.setColor(GRID);
            g.drawLine(frame.left, y, frame.left + frame.width, y);
            g.setColor(TEXT);
            String text = String.format(Locale.ROOT, "%.1f", value);
            g.drawString(text, frame.left - 8 - metrics.stringWidth(text),
                    y + (metrics.getAscent() - metrics.getDescent()) / 2);
        }
        g.setColor(TEXT);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(frame.left, frame.top, frame.width, frame.height);
    }

    private void drawChance(Graphics2D g, Frame frame) {
        Stroke saved = g.getStroke();
        g.setColor(CHANCE);
        g.setStroke(dashed());
        int y = frame.y(result.chanceLevel());
        g.drawLine(frame.left, y, frame.left + frame.width, y);
        g.setStroke(saved);
    }

    private void drawSeries(Graphics2D g, Frame frame) {
        int count = series.size();
        double step = Math.min(22, frame.spacing / (count + 2));
        for (int s = 0; s < count; s++) {
            Series current = series.get(s);
            double offset = (s - (count - 1) / 2.0) * step;
            for (int i = 0; i < result.ranking().size(); i++) {
                Point point = point(current, result.ranking().get(i));
                if (point == null) {
                    continue;
                }
                int x = (int) Math.round(frame.centre(i) + offset);
                drawIntervalBar(g, current.color(), x, frame.y(point.interval.lower()),
                        frame.y(point.interval.upper()));
                g.setColor(current.color());
                drawMarker(g, current.marker(), x, frame.y(point.accuracy));
            }
        }
    }

    /** An accuracy and its interval. */
    private record Point(double accuracy, ConfidenceInterval interval) {
    }

    /** Returns the point of {@code series} for {@code layer}, or null if the layer lacks it. */
    private static Point point(Series series, LayerResult layer) {
        return switch (series.quantity()) {
            case MAIN -> new Point(layer.accuracy(), layer.accuracyInterval());
            case SHUFFLED -> new Point(layer.controlAccuracy(), layer.shuffled().interval());
            case TASK -> layer.controlTask()
                    .map(task -> new Point(task.accuracy(), task.interval())).orElse(null);
        };
    }

    private static void drawIntervalBar(Graphics2D g, Color color, int x, int yLower, int yUpper) {
        g.setColor(color);
        g.setStroke(new BasicStroke(1.6f));
        g.drawLine(x, yLower, x, yUpper);
        g.drawLine(x - 5, yLower, x + 5, yLower);
        g.drawLine(x - 5, yUpper, x + 5, yUpper);
    }

    private static void drawMarker(Graphics2D g, Marker marker, int x, int y) {
        switch (marker) {
            case CIRCLE -> g.fillOval(x - 5, y - 5, 11, 11);
            case SQUARE -> g.fillRect(x - 5, y - 5, 10, 10);
            case DIAMOND -> g.fillPolygon(new int[] {x, x + 6, x, x - 6},
                    new int[] {y - 6, y, y + 6, y}, 4);
        }
    }

    private void drawAxisTitles(Graphics2D g, Frame frame, int xTitleTop) {
        g.setFont(AXIS_TITLE);
        g.setColor(TEXT);
        FontMetrics metrics = g.getFontMetrics();
        String xTitle = "Layer [pooling]";
        g.drawString(xTitle, frame.left + (frame.width - metrics.stringWidth(xTitle)) / 2,
                xTitleTop + metrics.getAscent());

        String yTitle = "Test accuracy";
        AffineTransform saved = g.getTransform();
        g.translate(MARGIN + metrics.getAscent(),
                frame.top + (frame.height + metrics.stringWidth(yTitle)) / 2.0);
        g.rotate(-Math.PI / 2);
        g.drawString(yTitle, 0, 0);
        g.setTransform(saved);
    }

    private static Stroke dashed() {
        return new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {7f, 5f}, 0f);
    }
}
