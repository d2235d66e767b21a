package org.lens4j.models.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Builds model folders and images for processor tests. */
public final class ModelFolders {

    private ModelFolders() {
    }

    /** Copies {@code config.json} and {@code model.safetensors} of a golden case into {@code target}. */
    public static void copyModel(Path golden, Path target) {
        try {
            Files.copy(golden.resolve("config.json"), target.resolve("config.json"));
            Files.copy(golden.resolve("model.safetensors"), target.resolve("model.safetensors"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} to {@code target/name}. */
    public static void write(Path target, String name, String text) {
        try {
            Files.writeString(target.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns an RGB image of random pixels from {@code seed}. */
    public static java.awt.image.BufferedImage randomImage(int width, int height, long seed) {
        Random random = new Random(seed);
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return image;
    }
}
