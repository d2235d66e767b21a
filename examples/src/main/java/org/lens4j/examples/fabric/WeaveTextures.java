package org.lens4j.examples.fabric;

import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Procedural woven fabrics: plain, twill and satin weaves drawn thread by thread, with yarn
 * thickness, shading and colour jitter, so that no two textures look alike.
 */
public final class WeaveTextures {

    /** The weave patterns. */
    public enum Weave { PLAIN, TWILL, SATIN }

    private WeaveTextures() {
    }

    /**
     * Draws a {@code size × size} weave.
     *
     * @param weave the pattern
     * @param random the source of colour, thread pitch and jitter
     */
    public static BufferedImage draw(Weave weave, int size, Random random) {
        int pitch = 4 + random.nextInt(5);
        float[] warp = randomColour(random);
        float[] weft = jitter(warp, random, 0.25f);
        float noise = 0.04f + random.nextFloat() * 0.06f;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int column = x / pitch;
                int row = y / pitch;
                boolean warpOnTop = warpOnTop(weave, column, row);
                float along = warpOnTop ? (float) (y % pitch) / pitch : (float) (x % pitch) / pitch;
                float across = warpOnTop ? (float) (x % pitch) / pitch : (float) (y % pitch) / pitch;
                float shade = shade(along, across);
                float[] base = warpOnTop ? warp : weft;
                float grain = 1f + (float) random.nextGaussian() * noise;
                image.setRGB(x, y, pack(base, shade * grain));
            }
        }
        return image;
    }

    /** Returns a weave chosen by index, so texture ids map to fixed weave kinds. */
    public static Weave weaveFor(int index) {
        return Weave.values()[Math.floorMod(index, Weave.values().length)];
    }

    private static boolean warpOnTop(Weave weave, int column, int row) {
        switch (weave) {
            case PLAIN:
                return ((column + row) & 1) == 0;
            case TWILL:
                return Math.floorMod(column - row, 4) < 2;
            default:
                return Math.floorMod(column * 2 - row, 5) == 0;
        }
    }

    // A yarn is brightest along its middle and darker towards its edges and ends.
    private static float shade(float along, float across) {
        float edge = 1f - 4f * (across - 0.5f) * (across - 0.5f);
        float end = 1f - 0.6f * (float) Math.pow(2 * Math.abs(along - 0.5f), 4);
        return 0.55f + 0.45f * edge * end;
    }

    private static float[] randomColour(Random random) {
        float[] hsb = {random.nextFloat(), 0.15f + 0.5f * random.nextFloat(), 0.45f + 0.45f * random.nextFloat()};
        int rgb = java.awt.Color.HSBtoRGB(hsb[0], hsb[1], hsb[2]);
        return new float[] {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
    }

    private static float[] jitter(float[] colour, Random random, float amount) {
        float[] out = new float[3];
        for (int c = 0; c < 3; c++) {
            out[c] = colour[c] * (1f + amount * (random.nextFloat() - 0.5f));
        }
        return out;
    }

    private static int pack(float[] colour, float factor) {
        int r = clamp(colour[0] * factor);
        int g = clamp(colour[1] * factor);
        int b = clamp(colour[2] * factor);
        return (r << 16) | (g << 8) | b;
    }

    static int clamp(float value) {
        return Math.max(0, Math.min(255, Math.round(value)));
    }
}
