package org.lens4j.probe.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.lens4j.probe.report.internal.JsonTree;
import org.lens4j.probe.sweep.SweepResult;

/**
 * The JSON form of a sweep result: every number of the ranking with its interval, test options,
 * seeds and provenance, layers in rank order.
 *
 * <p>Top-level keys: {@code libraryVersion, modelId, seed, runIndex, elapsedSeconds, adjustment,
 * permutationMode, permutationProbe, alpha, chanceLevel, recommended, selectionRule, layers}. Each entry of {@code layers} has
 * {@code rank, module, pooling, dimension, trainSize, testSize, accuracy, accuracyInterval,
 * shuffledControl, controlTask} (only when present), {@code permutation, crossValidation,
 * provenance}.
 */
public final class JsonReport {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private JsonReport() {
    }

    /** Returns the result as a JSON object. */
    public static JsonObject toJsonObject(SweepResult result) {
        return JsonTree.of(Objects.requireNonNull(result, "result"));
    }

    /** Returns the result as pretty-printed JSON text. */
    public static String toJson(SweepResult result) {
        return GSON.toJson(toJsonObject(result));
    }

    /**
     * Writes the result as UTF-8 JSON to {@code file}, replacing it.
     *
     * @throws IOException if the file cannot be written
     */
    public static void write(SweepResult result, Path file) throws IOException {
        Files.writeString(file, toJson(result), StandardCharsets.UTF_8);
    }
}
