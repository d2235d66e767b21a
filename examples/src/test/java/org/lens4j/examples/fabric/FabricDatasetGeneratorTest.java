package org.lens4j.examples.fabric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FabricDatasetGeneratorTest {

    // Anti-aliased edges may touch one pixel beyond the reported box.
    private static final int BOX_SLACK_PIXELS = 2;

    @TempDir
    Path dir;

    @Test
    void sameSeedGivesIdenticalImages() throws IOException {
        FabricSpec spec = FabricSpec.withDefaults().withPairs(3).withImageSize(64).withSeed(11);
        List<FabricSample> first = FabricDatasetGenerator.generate(spec, TextureLibrary.procedural(96, 5), dir.resolve("a"));
        List<FabricSample> second = FabricDatasetGenerator.generate(spec, TextureLibrary.procedural(96, 5), dir.resolve("b"));

        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(Files.readAllBytes(first.get(i).imagePath()), Files.readAllBytes(second.get(i).imagePath()),
                    "image " + i);
        }
    }

    @Test
    void pairsShareTextureAndDifferInLabel() throws IOException {
        List<FabricSample> samples = FabricDatasetGenerator.generate(
                FabricSpec.withDefaults().withPairs(4).withImageSize(64), TextureLibrary.procedural(80, 2), dir);

        assertEquals(8, samples.size());
        for (int i = 0; i < samples.size(); i += 2) {
            assertEquals(samples.get(i).pairId(), samples.get(i + 1).pairId());
            assertEquals(samples.get(i).textureId(), samples.get(i + 1).textureId());
            assertEquals(FabricSample.NORMAL, samples.get(i).label());
            assertEquals(FabricSample.DEFECT, samples.get(i + 1).label());
        }
    }

    @ParameterizedTest
    @EnumSource(DefectKind.class)
    void defectChangesPixelsOnlyInsideItsBox(DefectKind kind) throws IOException {
        FabricSpec spec = FabricSpec.withDefaults().withPairs(3).withImageSize(96).withKinds(EnumSet.of(kind));
        List<FabricSample> samples = FabricDatasetGenerator.generate(spec, TextureLibrary.procedural(128, 3), dir);

        for (int i = 0; i < samples.size(); i += 2) {
            BufferedImage normal = ImageIO.read(samples.get(i).imagePath().toFile());
            BufferedImage defect = ImageIO.read(samples.get(i + 1).imagePath().toFile());
            int[] b = samples.get(i + 1).box();
            Rectangle box = new Rectangle(b[0], b[1], b[2], b[3]);
            box.grow(BOX_SLACK_PIXELS, BOX_SLACK_PIXELS);
            int changedInside = 0;
            for (int y = 0; y < normal.getHeight(); y++) {
                for (int x = 0; x < normal.getWidth(); x++) {
                    boolean changed = normal.getRGB(x, y) != defect.getRGB(x, y);
                    if (changed && !box.contains(x, y)) {
                        throw new AssertionError(kind + " pair " + i / 2 + ": pixel (" + x + ", " + y
                                + ") changed outside the box " + box);
                    }
                    changedInside += changed ? 1 : 0;
                }
            }
            assertTrue(changedInside > 0, kind + " pair " + i / 2 + " changed no pixel");
        }
    }

    @Test
    void manifestRoundTripKeepsEveryField() throws IOException {
        List<FabricSample> samples = FabricDatasetGenerator.generate(
                FabricSpec.withDefaults().withPairs(2).withImageSize(48), TextureLibrary.procedural(64, 1), dir);

        List<FabricSample> read = FabricManifest.read(dir.resolve(FabricManifest.FILE_NAME));

        assertEquals(samples.size(), read.size());
        IntStream.range(0, samples.size()).forEach(i -> {
            assertEquals(samples.get(i).imagePath().toAbsolutePath(), read.get(i).imagePath().toAbsolutePath());
            assertEquals(samples.get(i).defectKind(), read.get(i).defectKind());
            assertArrayEquals(samples.get(i).box(), read.get(i).box());
        });
    }

    @Test
    void gimpPatternReaderDecodesRgbPixels(@TempDir Path tmp) throws IOException {
        byte[] name = "t\0".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int headerSize = 24 + name.length;
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(headerSize + 2 * 1 * 3);
        buffer.putInt(headerSize).putInt(1).putInt(2).putInt(1).putInt(3).putInt(0x47504154).put(name);
        buffer.put(new byte[] {10, 20, 30, (byte) 200, (byte) 210, (byte) 220});
        Path file = tmp.resolve("t.pat");
        Files.write(file, buffer.array());

        BufferedImage image = GimpPatternReader.read(file);

        assertEquals(0x0A141E, image.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0xC8D2DC, image.getRGB(1, 0) & 0xFFFFFF);
    }
}
