package org.lens4j.examples.fabric;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates a paired normal/defect fabric dataset, deterministic by seed.
 *
 * <p>Each pair is one crop of a base texture, augmented (crop position, rotation by a multiple of
 * 90°, brightness) identically for both images; the defective image adds one defect. Files go to
 * {@code normal/pair-NNNN.png} and {@code defect/pair-NNNN.png} under the output folder, with
 * {@code manifest.csv} beside them.
 *
 * <pre>{@code
 * List<FabricSample> samples = FabricDatasetGenerator.generate(
 *         FabricSpec.withDefaults().withPairs(20), TextureLibrary.procedural(256, 1), Path.of("fabric"));
 * }</pre>
 */
public final class FabricDatasetGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(FabricDatasetGenerator.class);
    private static final double MAX_BRIGHTNESS_CHANGE = 0.15;

    private FabricDatasetGenerator() {
    }

    /**
     * Writes the dataset and its manifest; existing files of the same names are replaced.
     *
     * @return the samples in manifest order (for each pair, the normal image then the defective one)
     * @throws IOException when a file cannot be written
     */
    public static List<FabricSample> generate(FabricSpec spec, TextureLibrary textures, Path outDir)
            throws IOException {
        Files.createDirectories(outDir.resolve(FabricSample.NORMAL));
        Files.createDirectories(outDir.resolve(FabricSample.DEFECT));
        Random random = new Random(spec.seed());
        List<FabricSample> samples = new ArrayList<>();
        long start = System.nanoTime();
        for (int pair = 0; pair < spec.pairs(); pair++) {
            Random pairRandom = new Random(random.nextLong());
            samples.addAll(generatePair(spec, textures, outDir, pair, pairRandom));
        }
        FabricManifest.write(outDir.resolve(FabricManifest.FILE_NAME), samples);
        LOG.info("generated {} fabric images in {} ms under {}", samples.size(),
                (System.nanoTime() - start) / 1_000_000, outDir);
        return samples;
    }

    private static List<FabricSample> generatePair(FabricSpec spec, TextureLibrary textures, Path outDir,
            int pair, Random random) throws IOException {
        int textureId = random.nextInt(textures.size());
        BufferedImage normal = augmentedCrop(textures.image(textureId), spec.imageSize(), random);
        DefectKind kind = spec.orderedKinds().get(random.nextInt(spec.kinds().size()));
        double size = uniform(random, spec.minDefectSize(), spec.maxDefectSize());
        double contrast = uniform(random, spec.minContrast(), spec.maxContrast());
        DefectPainter.Painted defect = DefectPainter.paint(normal, kind, size, contrast, random);

        String pairId = String.format("pair-%04d", pair);
        Path normalPath = outDir.resolve(FabricSample.NORMAL).resolve(pairId + ".png");
        Path defectPath = outDir.resolve(FabricSample.DEFECT).resolve(pairId + ".png");
        ImageIO.write(normal, "png", normalPath.toFile());
        ImageIO.write(defect.image(), "png", defectPath.toFile());
        String textureName = textures.name(textureId);
        int[] box = {defect.box().x, defect.box().y, defect.box().width, defect.box().height};
        return List.of(
                new FabricSample(normalPath, FabricSample.NORMAL, pairId, textureId, textureName, "", new int[4]),
                new FabricSample(defectPath, FabricSample.DEFECT, pairId, textureId, textureName, kind.id(), box));
    }

    // Tiles the texture when it is smaller than the crop, then crops, rotates and brightens.
    private static BufferedImage augmentedCrop(BufferedImage texture, int side, Random random) {
        int width = Math.max(texture.getWidth(), side);
        int height = Math.max(texture.getHeight(), side);
        BufferedImage tiled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = tiled.createGraphics();
        for (int y = 0; y < height; y += texture.getHeight()) {
            for (int x = 0; x < width; x += texture.getWidth()) {
                g.drawImage(texture, x, y, null);
            }
        }
        g.dispose();
        int x0 = random.nextInt(width - side + 1);
        int y0 = random.nextInt(height - side + 1);
        BufferedImage crop = rotate(tiled.getSubimage(x0, y0, side, side), random.nextInt(4));
        return brighten(crop, 1 + uniform(random, -MAX_BRIGHTNESS_CHANGE, MAX_BRIGHTNESS_CHANGE));
    }

    private static BufferedImage rotate(BufferedImage image, int quarterTurns) {
        int side = image.getWidth();
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setTransform(AffineTransform.getQuadrantRotateInstance(quarterTurns, side / 2.0, side / 2.0));
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    private static BufferedImage brighten(BufferedImage image, double factor) {
        BufferedImage out = DefectPainter.copy(image);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                int rgb = out.getRGB(x, y);
                int r = WeaveTextures.clamp((float) (((rgb >> 16) & 0xFF) * factor));
                int gr = WeaveTextures.clamp((float) (((rgb >> 8) & 0xFF) * factor));
                int b = WeaveTextures.clamp((float) ((rgb & 0xFF) * factor));
                out.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        return out;
    }

    private static double uniform(Random random, double min, double max) {
        return min + (max - min) * random.nextDouble();
    }
}
