package org.lens4j.examples.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.lens4j.examples.fabric.FabricManifest;
import org.lens4j.examples.fabric.FabricSample;

/**
 * Reads a labelled image set from disk: a fabric dataset's manifest, a folder with one sub-folder
 * per label ({@code normal/}, {@code defect/}), or a CSV file {@code image_path,label[,prompt,group]}
 * with a header line.
 */
public final class LabelledImages {

    private static final Set<String> IMAGE_SUFFIXES = Set.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

    private LabelledImages() {
    }

    /**
     * Reads the images at {@code source}: a CSV file, a folder with {@code manifest.csv}, or a
     * folder of label sub-folders.
     *
     * @throws IllegalArgumentException when the source contains no labelled image or fewer than two labels
     * @throws IOException when a file cannot be read
     */
    public static List<LabelledImage> read(Path source) throws IOException {
        List<LabelledImage> images;
        if (Files.isRegularFile(source)) {
            images = readCsv(source);
        } else if (Files.isRegularFile(source.resolve(FabricManifest.FILE_NAME))) {
            images = fromFabric(FabricManifest.read(source.resolve(FabricManifest.FILE_NAME)));
        } else if (Files.isDirectory(source)) {
            images = readFolders(source);
        } else {
            throw new IllegalArgumentException("input not found: " + source
                    + "; give a folder with one sub-folder per label, or a CSV file image_path,label");
        }
        long labels = images.stream().map(LabelledImage::label).distinct().count();
        if (labels < 2) {
            throw new IllegalArgumentException("input " + source + " contains " + images.size() + " images with "
                    + labels + " label(s); probing needs at least two labels");
        }
        return images;
    }

    /** Converts fabric samples: the group is the pair id and the control-task key the texture id. */
    public static List<LabelledImage> fromFabric(List<FabricSample> samples) {
        List<LabelledImage> out = new ArrayList<>();
        for (FabricSample sample : samples) {
            String id = sample.pairId() + "/" + sample.label();
            out.add(new LabelledImage(id, sample.imagePath(), sample.label(), sample.pairId(),
                    Integer.toString(sample.textureId()), null));
        }
        return out;
    }

    private static List<LabelledImage> readFolders(Path root) throws IOException {
        List<LabelledImage> out = new ArrayList<>();
        try (Stream<Path> labels = Files.list(root)) {
            for (Path labelDir : labels.filter(Files::isDirectory).sorted().toList()) {
                String label = labelDir.getFileName().toString();
                try (Stream<Path> files = Files.list(labelDir)) {
                    for (Path file : files.filter(LabelledImages::isImage).sorted().toList()) {
                        out.add(new LabelledImage(label + "/" + file.getFileName(), file, label, null, null, null));
                    }
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no images found under " + root
                    + "; expected one sub-folder per label with PNG, JPEG, BMP or GIF files");
        }
        return out;
    }

    private static List<LabelledImage> readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("image_path,label")) {
            throw new IllegalArgumentException("CSV " + file + " must start with the header image_path,label"
                    + "[,prompt,group]");
        }
        String[] header = lines.get(0).split(",", -1);
        int prompt = indexOf(header, "prompt");
        int group = indexOf(header, "group");
        Path base = file.toAbsolutePath().getParent();
        List<LabelledImage> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != header.length || cells[0].isBlank() || cells[1].isBlank()) {
                throw new IllegalArgumentException("CSV " + file + " line " + (i + 1) + ": expected "
                        + header.length + " non-empty image_path and label cells, found '" + lines.get(i) + "'");
            }
            Path image = base.resolve(cells[0]);
            out.add(new LabelledImage(cells[0], image, cells[1], group < 0 ? null : cells[group], null,
                    prompt < 0 || cells[prompt].isBlank() ? null : cells[prompt]));
        }
        return out;
    }

    private static int indexOf(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].trim().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isImage(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(path) && IMAGE_SUFFIXES.stream().anyMatch(name::endsWith);
    }
}
