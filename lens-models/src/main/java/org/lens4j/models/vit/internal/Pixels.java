package org.lens4j.models.vit.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.lens4j.core.image.ClipImageProcessor;
import org.lens4j.core.image.ImageProcessor;
import org.lens4j.core.image.PixelBatch;
import org.lens4j.core.image.PreprocessorConfig;
import org.lens4j.core.image.ProcessedImage;
import org.lens4j.core.image.RgbImage;

/** Image preprocessing helpers of the input processors. */
public final class Pixels {

    private Pixels() {
    }

    /**
     * Reads the CLIP image settings of a model folder; without {@code preprocessor_config.json},
     * resizes the shortest edge to {@code imageSize} and center-crops a square of that side.
     */
    public static ImageProcessor clipProcessor(Path folder, int imageSize) {
        if (!Files.isRegularFile(folder.resolve(PreprocessorConfig.FILE_NAME))) {
            return ClipImageProcessor.fromConfig(PreprocessorConfig.fromMap(Map.of(
                    "size", Map.of("shortest_edge", imageSize),
                    "crop_size", Map.of("height", imageSize, "width", imageSize))));
        }
        try {
            return ClipImageProcessor.fromFolder(folder);
        } catch (FileNotFoundException | NoSuchFileException e) {
            throw new UncheckedIOException("image settings not found in " + folder, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image settings in " + folder, e);
        }
    }

    /** Preprocesses one image. */
    public static ProcessedImage process(ImageProcessor processor, BufferedImage image) {
        return processor.process(RgbImage.fromBufferedImage(image));
    }

    /** Creates the float32 array of a pixel batch in {@code manager}. */
    public static NDArray toArray(PixelBatch batch, NDManager manager) {
        return manager.create(batch.values(), new Shape(batch.shape()));
    }
}
