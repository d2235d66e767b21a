package org.lens4j.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.lens4j.core.testing.SharedData;

/** Access to the image-processor reference outputs: input PNGs, settings, notes and tensors. */
final class PreprocessGoldens {

    /** Largest allowed |expected - actual| of a float pixel value; measured 0.0 on every case. */
    static final double PIXEL_TOLERANCE = 1e-5;
    /**
     * A difference this large means an 8-bit level differs: one level is 1 / 255 / std, at least
     * 0.0142 for the OpenAI std and 0.0078 for std 0.5.
     */
    static final double ONE_LEVEL = 1e-3;

    private static final Map<String, GoldenTensors> CACHE = new HashMap<>();

    private PreprocessGoldens() {
    }

    static Path folder() {
        return SharedData.golden("preprocess");
    }

    static List<String> imageStems() {
        try (Stream<Path> files = Files.list(folder().resolve("images"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".png"))
                    .map(name -> name.substring(0, name.length() - 4))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonObject notes() {
        return readJson(folder().resolve("notes.json"));
    }

    /** Returns the error the reference raised for this image and processor, if any. */
    static Optional<String> referenceError(String stem, String processor) {
        JsonObject note = notes().getAsJsonObject(stem);
        if (note == null || !note.has("errors") || !note.getAsJsonObject("errors").has(processor)) {
            return Optional.empty();
        }
        return Optional.of(note.getAsJsonObject("errors").get(processor).getAsString());
    }

    static PreprocessorConfig config(String processor) {
        JsonObject all = readJson(folder().resolve("processors.json")).getAsJsonObject("processors");
        return PreprocessorConfig.fromJson(all.getAsJsonObject(processor).toString());
    }

    /** Decodes an input the way the reference saw it (Pillow's convert("RGB")). */
    static DecodedImage decodeLikeReference(String stem) throws IOException {
        return decodeLikeReference(stem, AlphaPolicy.DROP);
    }

    /** Decodes an input the way the reference saw it, with the processor's alpha handling. */
    static DecodedImage decodeLikeReference(String stem, AlphaPolicy alphaPolicy) throws IOException {
        return ImageDecoder.likeReference().withAlphaPolicy(alphaPolicy)
                .decode(folder().resolve("images").resolve(stem + ".png"));
    }

    static synchronized GoldenTensors tensors(String processor) {
        return CACHE.computeIfAbsent(processor, name -> {
            try {
                return GoldenTensors.read(folder().resolve(name + ".safetensors"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Returns the image stems that have reference output for the processor. */
    static List<String> stemsWithOutput(String processor) {
        GoldenTensors tensors = tensors(processor);
        return imageStems().stream().filter(stem -> tensors.contains(stem + "/pixel_values")).toList();
    }

    /**
     * Asserts the shape (ignoring a leading batch dimension of 1 in the reference), that no 8-bit
     * level differs, and that every value lies within {@link #PIXEL_TOLERANCE}.
     */
    static void assertPixelsMatch(String label, GoldenTensors.Tensor expected, ProcessedImage actual) {
        long[] expectedShape = expected.shape();
        if (expectedShape.length == actual.shape().length + 1 && expectedShape[0] == 1) {
            expectedShape = Arrays.copyOfRange(expectedShape, 1, expectedShape.length);
        }
        assertArrayEquals(expectedShape, actual.shape(), label + ": shape");

        float[] want = expected.floats();
        float[] got = actual.pixelValues();
        int levelMismatches = 0;
        int worst = 0;
        double worstDelta = 0;
        for (int i = 0; i < want.length; i++) {
            double delta = Math.abs((double) want[i] - got[i]);
            if (delta > ONE_LEVEL) {
                levelMismatches++;
            }
            if (delta > worstDelta) {
                worstDelta = delta;
                worst = i;
            }
        }
        String detail = label + ": max |delta| " + worstDelta + " at flat index " + worst + " (expected "
                + want[worst] + ", actual " + got[worst] + ")";
        assertEquals(0, levelMismatches, detail + "; values whose 8-bit level differs");
        assertTrue(worstDelta <= PIXEL_TOLERANCE, detail);
    }

    private static JsonObject readJson(Path file) {
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
