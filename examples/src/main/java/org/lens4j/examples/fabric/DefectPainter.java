package org.lens4j.examples.fabric;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Paints one synthetic defect onto a copy of a fabric image and reports its bounding box.
 *
 * <p>{@code size} is the defect's extent as a fraction of the image side, {@code contrast} how
 * strongly it departs from the fabric (0 invisible, 1 full strength).
 */
final class DefectPainter {

    private DefectPainter() {
    }

    /** Returns a defective copy of {@code image} and the defect's bounding box. */
    static Painted paint(BufferedImage image, DefectKind kind, double size, double contrast, Random random) {
        BufferedImage out = copy(image);
        int side = Math.min(out.getWidth(), out.getHeight());
        int extent = Math.max(4, (int) Math.round(size * side));
        int margin = extent / 2 + 2;
        int cx = margin + random.nextInt(Math.max(1, out.getWidth() - 2 * margin));
        int cy = margin + random.nextInt(Math.max(1, out.getHeight() - 2 * margin));
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Rectangle box;
        try {
            switch (kind) {
                case HOLE:
                    box = hole(g, cx, cy, extent, contrast, random);
                    break;
                case STAIN:
                    box = blob(out, cx, cy, extent, new float[] {120, 85, 30}, 0.75 * contrast, random);
                    break;
                case OIL_SPOT:
                    box = blob(out, cx, cy, extent, new float[] {20, 18, 12}, 0.85 * contrast, random);
                    break;
                case BROKEN_THREAD:
                    box = brokenThread(out, cx, cy, extent, contrast, random);
                    break;
                case KNOT:
                    box = knot(g, cx, cy, extent, contrast, random);
                    break;
                default:
                    box = patch(out, g, cx, cy, extent, random);
                    break;
            }
        } finally {
            g.dispose();
        }
        return new Painted(out, box.intersection(new Rectangle(0, 0, out.getWidth(), out.getHeight())));
    }

    /** A defective image and the defect's bounding box in pixels. */
    record Painted(BufferedImage image, Rectangle box) {
    }

    private static Rectangle hole(Graphics2D g, int cx, int cy, int extent, double contrast, Random random) {
        double w = extent * (0.6 + 0.4 * random.nextDouble());
        double h = extent * (0.6 + 0.4 * random.nextDouble());
        int dark = (int) Math.round(60 * (1 - contrast));
        g.setColor(new Color(dark, dark, dark));
        g.fill(new Ellipse2D.Double(cx - w / 2, cy - h / 2, w, h));
        g.setStroke(new BasicStroke(1f));
        g.setColor(new Color(dark + 40, dark + 35, dark + 30));
        for (int i = 0; i < 12; i++) {
            double angle = random.nextDouble() * 2 * Math.PI;
            double x0 = cx + Math.cos(angle) * w / 2;
            double y0 = cy + Math.sin(angle) * h / 2;
            double length = 2 + random.nextDouble() * extent * 0.15;
            g.drawLine((int) x0, (int) y0, (int) (x0 + Math.cos(angle) * length), (int) (y0 + Math.sin(angle) * length));
        }
        int reach = (int) Math.ceil(Math.max(w, h) / 2 + extent * 0.15 + 2);
        return new Rectangle(cx - reach, cy - reach, 2 * reach, 2 * reach);
    }

    // Blends a colour into the fabric with a weight that falls off smoothly from the centre.
    private static Rectangle blob(BufferedImage out, int cx, int cy, int extent, float[] colour, double strength,
            Random random) {
        double rx = extent * (0.4 + 0.2 * random.nextDouble());
        double ry = extent * (0.4 + 0.2 * random.nextDouble());
        int x0 = Math.max(0, (int) (cx - rx));
        int x1 = Math.min(out.getWidth() - 1, (int) (cx + rx));
        int y0 = Math.max(0, (int) (cy - ry));
        int y1 = Math.min(out.getHeight() - 1, (int) (cy + ry));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double dx = (x - cx) / rx;
                double dy = (y - cy) / ry;
                double r2 = dx * dx + dy * dy;
                if (r2 < 1) {
                    double weight = strength * (1 - r2) * (0.8 + 0.2 * random.nextDouble());
                    out.setRGB(x, y, blend(out.getRGB(x, y), colour, weight));
                }
            }
        }
        return new Rectangle(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    private static Rectangle brokenThread(BufferedImage out, int cx, int cy, int extent, double contrast,
            Random random) {
        boolean horizontal = random.nextBoolean();
        int length = Math.min(horizontal ? out.getWidth() : out.getHeight(), extent * 3);
        int thickness = 1 + random.nextInt(3);
        float[] gap = random.nextBoolean() ? new float[] {15, 15, 15} : new float[] {235, 235, 230};
        int start = (horizontal ? cx : cy) - length / 2;
        start = Math.max(0, Math.min(start, (horizontal ? out.getWidth() : out.getHeight()) - length));
        for (int i = 0; i < length; i++) {
            for (int t = 0; t < thickness; t++) {
                int x = horizontal ? start + i : cx + t;
                int y = horizontal ? cy + t : start + i;
                if (x < out.getWidth() && y < out.getHeight()) {
                    out.setRGB(x, y, blend(out.getRGB(x, y), gap, 0.8 * contrast));
                }
            }
        }
        return horizontal ? new Rectangle(start, cy, length, thickness) : new Rectangle(cx, start, thickness, length);
    }

    private static Rectangle knot(Graphics2D g, int cx, int cy, int extent, double contrast, Random random) {
        double length = extent * (0.5 + 0.5 * random.nextDouble());
        double width = Math.max(3, extent * 0.3);
        AffineTransform saved = g.getTransform();
        g.rotate(random.nextBoolean() ? 0 : Math.PI / 2, cx, cy);
        int light = 150 + (int) Math.round(100 * contrast);
        g.setColor(new Color(Math.min(255, light), Math.min(255, light - 5), Math.min(255, light - 20)));
        g.fill(new Ellipse2D.Double(cx - length / 2, cy - width / 2, length, width));
        g.setColor(new Color(90, 80, 60, 140));
        g.setStroke(new BasicStroke(1f));
        for (int i = 1; i < 4; i++) {
            double x = cx - length / 2 + i * length / 4;
            g.drawLine((int) x, (int) (cy - width / 2), (int) (x + width / 3), (int) (cy + width / 2));
        }
        g.setTransform(saved);
        int reach = (int) Math.ceil(length / 2) + 1;
        return new Rectangle(cx - reach, cy - reach, 2 * reach, 2 * reach);
    }

    // Cuts a square of the same fabric, rotates it and pastes it centred at (cx, cy).
    private static Rectangle patch(BufferedImage out, Graphics2D g, int cx, int cy, int extent, Random random) {
        int side = Math.max(4, Math.min(extent, Math.min(out.getWidth(), out.getHeight()) / 2));
        int sx = random.nextInt(Math.max(1, out.getWidth() - side));
        int sy = random.nextInt(Math.max(1, out.getHeight() - side));
        BufferedImage piece = copy(out.getSubimage(sx, sy, side, side));
        double angle = Math.toRadians(20 + random.nextInt(140));
        AffineTransform saved = g.getTransform();
        g.setComposite(AlphaComposite.SrcOver);
        g.rotate(angle, cx, cy);
        g.drawImage(piece, cx - side / 2, cy - side / 2, null);
        g.setTransform(saved);
        int reach = (int) Math.ceil(side / Math.sqrt(2)) + 1;
        return new Rectangle(cx - reach, cy - reach, 2 * reach, 2 * reach);
    }

    private static int blend(int rgb, float[] colour, double weight) {
        double w = Math.max(0, Math.min(1, weight));
        int r = WeaveTextures.clamp((float) (((rgb >> 16) & 0xFF) * (1 - w) + colour[0] * w));
        int g = WeaveTextures.clamp((float) (((rgb >> 8) & 0xFF) * (1 - w) + colour[1] * w));
        int b = WeaveTextures.clamp((float) ((rgb & 0xFF) * (1 - w) + colour[2] * w));
        return (r << 16) | (g << 8) | b;
    }

    static BufferedImage copy(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }
}
