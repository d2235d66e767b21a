package org.lens4j.probe.report.internal;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.List;

/**
 * Category labels under the x axis, laid out so that neighbours never overlap. A label stays on
 * one line when it fits the category width, and is otherwise wrapped after dots (then also
 * underscores) onto a few lines. When even a wrapped part is too wide, labels are rotated to read
 * upwards.
 */
final class XLabels {

    private final List<List<String>> lines;
    private final boolean vertical;
    private final int lineHeight;
    private final int ascent;
    private final int height;

    private XLabels(List<List<String>> lines, boolean vertical, FontMetrics metrics, int height) {
        this.lines = lines;
        this.vertical = vertical;
        this.lineHeight = metrics.getHeight();
        this.ascent = metrics.getAscent();
        this.height = height;
    }

    /**
     * Chooses the layout of {@code texts} for categories {@code spacing} pixels wide.
     *
     * @param maxLines the most lines a wrapped label may take
     * @param maxWidth the longest a rotated label may be, in pixels; longer ones are shortened
     */
    static XLabels layout(List<String> texts, FontMetrics metrics, double spacing, int maxLines,
            int maxWidth) {
        int room = (int) Math.floor(spacing) - 8;
        List<List<String>> wrapped = new ArrayList<>();
        int maxLineCount = 0;
        boolean fits = true;
        for (String text : texts) {
            List<String> lines = wrap(text, metrics, room, false);
            if (lines == null || lines.size() > maxLines) {
                lines = wrap(text, metrics, room, true);
            }
            fits &= lines != null && lines.size() <= maxLines;
            if (fits) {
                wrapped.add(lines);
                maxLineCount = Math.max(maxLineCount, lines.size());
            }
        }
        if (fits) {
            return new XLabels(wrapped, false, metrics, maxLineCount * metrics.getHeight());
        }

        List<List<String>> rotated = new ArrayList<>();
        int longest = 0;
        for (String text : texts) {
            String fitted = Text.fit(text, metrics, maxWidth);
            rotated.add(List.of(fitted));
            longest = Math.max(longest, metrics.stringWidth(fitted));
        }
        return new XLabels(rotated, true, metrics, longest);
    }

    /** Returns the height the labels take below the axis, in pixels. */
    int height() {
        return height;
    }

    /** Draws label {@code i} centred under category {@code i}, starting at {@code top}. */
    void draw(Graphics2D g, Font font, Color color, int left, int top, double spacing) {
        g.setFont(font);
        g.setColor(color);
        FontMetrics metrics = g.getFontMetrics();
        for (int i = 0; i < lines.size(); i++) {
            double centre = left + spacing * (i + 0.5);
            if (vertical) {
                String text = lines.get(i).get(0);
                AffineTransform saved = g.getTransform();
                g.translate(centre, top);
                g.rotate(-Math.PI / 2);
                g.drawString(text, -metrics.stringWidth(text),
                        (metrics.getAscent() - metrics.getDescent()) / 2);
                g.setTransform(saved);
            } else {
                int y = top + ascent;
                for (String line : lines.get(i)) {
                    g.drawString(line, (int) Math.round(centre - metrics.stringWidth(line) / 2.0),
                            y);
                    y += lineHeight;
                }
            }
        }
    }

    /**
     * Splits {@code text} into lines of at most {@code room} pixels, breaking after {@code .}
     * (and {@code _} if {@code atUnderscores}) and before {@code " ["}; returns null if one
     * unbreakable piece is too wide.
     */
    private static List<String> wrap(String text, FontMetrics metrics, int room,
            boolean atUnderscores) {
        List<String> pieces = pieces(text, atUnderscores);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String piece : pieces) {
            if (metrics.stringWidth(piece.strip()) > room) {
                return null;
            }
            if (line.length() > 0 && metrics.stringWidth(line + piece) > room) {
                lines.add(line.toString().strip());
                line.setLength(0);
            }
            line.append(piece);
        }
        lines.add(line.toString().strip());
        return lines;
    }

    private static List<String> pieces(String text, boolean atUnderscores) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean breakAfter = c == '.' || (atUnderscores && c == '_');
            boolean breakBefore = c == ' ' && i + 1 < text.length() && text.charAt(i + 1) == '[';
            if (breakBefore && i > start) {
                pieces.add(text.substring(start, i));
                start = i;
            } else if (breakAfter) {
                pieces.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            pieces.add(text.substring(start));
        }
        return pieces;
    }
}
