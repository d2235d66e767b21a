package org.lens4j.examples.fabric;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes a fabric dataset's {@code manifest.csv}: one header line, then one row per
 * image with {@code image_path,label,pair_id,texture_id,texture_name,defect_kind,box_x,box_y,box_w,box_h}.
 * Image paths are stored relative to the manifest's folder.
 */
public final class FabricManifest {

    /** The manifest's file name inside a dataset folder. */
    public static final String FILE_NAME = "manifest.csv";

    static final String HEADER =
            "image_path,label,pair_id,texture_id,texture_name,defect_kind,box_x,box_y,box_w,box_h";
    private static final int COLUMNS = 10;

    private FabricManifest() {
    }

    /** Writes the samples; texture names must not contain commas or line breaks. */
    public static void write(Path file, List<FabricSample> samples) throws IOException {
        Path base = file.toAbsolutePath().getParent();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (FabricSample s : samples) {
                int[] box = s.box();
                String relative = base.relativize(s.imagePath().toAbsolutePath()).toString();
                out.write(String.join(",", relative, s.label(), s.pairId(), Integer.toString(s.textureId()),
                        clean(s.textureName()), s.defectKind(), Integer.toString(box[0]), Integer.toString(box[1]),
                        Integer.toString(box[2]), Integer.toString(box[3])));
                out.write('\n');
            }
        }
    }

    /**
     * Reads a manifest written by {@link #write}.
     *
     * @throws IOException when the file cannot be read, or a row is malformed (naming the line)
     */
    public static List<FabricSample> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException("not a fabric manifest (header must be '" + HEADER + "'): " + file);
        }
        Path base = file.toAbsolutePath().getParent();
        List<FabricSample> samples = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != COLUMNS) {
                throw new IOException(file + " line " + (i + 1) + ": expected " + COLUMNS + " columns, found "
                        + cells.length);
            }
            try {
                int[] box = {Integer.parseInt(cells[6]), Integer.parseInt(cells[7]), Integer.parseInt(cells[8]),
                        Integer.parseInt(cells[9])};
                samples.add(new FabricSample(base.resolve(cells[0]), cells[1], cells[2], Integer.parseInt(cells[3]),
                        cells[4], cells[5], box));
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + (i + 1) + ": invalid number: " + e.getMessage(), e);
            }
        }
        return samples;
    }

    private static String clean(String text) {
        return text.replace(',', '_').replace('\n', '_').replace('\r', '_');
    }
}
