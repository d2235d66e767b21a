package org.lens4j.examples.fabric;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base fabrics a dataset is cut from: real woven-fabric images read where they are installed
 * or from a user's folder, or procedural weaves when there are none.
 *
 * <p>Texture {@code i} is a fixed image for a given library; its index is the "texture id" that the
 * Hewitt and Liang control task keys on.
 */
public final class TextureLibrary {

    /** Woven-fabric patterns of Debian's krita-data and gimp-data packages, read in place. */
    public static final List<Path> INSTALLED_FABRICS = List.of(
            Path.of("/usr/share/krita/patterns/01_canvas.png"),
            Path.of("/usr/share/krita/patterns/02_rough-canvas.png"),
            Path.of("/usr/share/krita/patterns/02b_WoofTissue.png"),
            Path.of("/usr/share/gimp/2.0/patterns/Fabric/burlap.pat"));

    private static final Logger LOG = LoggerFactory.getLogger(TextureLibrary.class);
    private static final int PROCEDURAL_COUNT = 12;

    private final List<String> names;
    private final List<BufferedImage> images;

    private TextureLibrary(List<String> names, List<BufferedImage> images) {
        this.names = List.copyOf(names);
        this.images = List.copyOf(images);
    }

    /**
     * Returns the installed fabric patterns that exist on this machine, plus procedural weaves when
     * fewer than three are installed.
     *
     * @param size the side of each procedural weave in pixels
     * @param seed the seed of the procedural weaves
     */
    public static TextureLibrary installedOrProcedural(int size, long seed) {
        List<String> names = new ArrayList<>();
        List<BufferedImage> images = new ArrayList<>();
        for (Path path : INSTALLED_FABRICS) {
            if (Files.isRegularFile(path)) {
                addIfReadable(path, names, images);
            }
        }
        if (images.size() >= 3) {
            LOG.debug("using {} installed fabric textures", images.size());
            return new TextureLibrary(names, images);
        }
        LOG.debug("{} installed fabric textures found; using procedural weaves", images.size());
        return procedural(size, seed);
    }

    /** Returns {@value #PROCEDURAL_COUNT} procedural weaves (plain, twill and satin in turn). */
    public static TextureLibrary procedural(int size, long seed) {
        List<String> names = new ArrayList<>();
        List<BufferedImage> images = new ArrayList<>();
        Random random = new Random(seed);
        for (int i = 0; i < PROCEDURAL_COUNT; i++) {
            WeaveTextures.Weave weave = WeaveTextures.weaveFor(i);
            names.add("procedural-" + weave.name().toLowerCase(Locale.ROOT) + "-" + i);
            images.add(WeaveTextures.draw(weave, size, new Random(random.nextLong())));
        }
        return new TextureLibrary(names, images);
    }

    /**
     * Reads every image in a folder (PNG, JPEG, BMP, GIF, GIMP {@code .pat}), sorted by file name.
     *
     * @throws IllegalArgumentException when the folder contains no readable image
     */
    public static TextureLibrary fromFolder(Path folder) {
        List<String> names = new ArrayList<>();
        List<BufferedImage> images = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(Files::isRegularFile).sorted().forEach(path -> addIfReadable(path, names, images));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list texture folder " + folder, e);
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no readable texture image in " + folder
                    + "; expected PNG, JPEG, BMP, GIF or GIMP .pat files");
        }
        return new TextureLibrary(names, images);
    }

    /** Returns the number of textures. */
    public int size() {
        return images.size();
    }

    /** Returns the name of texture {@code index} (its file name, or the procedural weave). */
    public String name(int index) {
        return names.get(index);
    }

    /** Returns texture {@code index}; callers must not modify it. */
    BufferedImage image(int index) {
        return images.get(index);
    }

    /** Returns whether the textures are procedural weaves rather than real fabric images. */
    public boolean isProcedural() {
        return names.stream().allMatch(name -> name.startsWith("procedural-"));
    }

    private static void addIfReadable(Path path, List<String> names, List<BufferedImage> images) {
        try {
            BufferedImage image = path.toString().endsWith(".pat")
                    ? GimpPatternReader.read(path) : ImageIO.read(path.toFile());
            if (image == null) {
                LOG.debug("skipping {}: not an image ImageIO can read", path);
                return;
            }
            names.add(path.getFileName().toString());
            images.add(image);
        } catch (IOException e) {
            LOG.warn("skipping texture {}: {}", path, e.getMessage());
        }
    }
}
