package org.lens4j.core.checkpoint.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.lens4j.core.checkpoint.CheckpointFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which safetensors files make up a checkpoint.
 *
 * <p>A path to a file is that file. In a folder, in order of precedence:
 * {@code model.safetensors.index.json} (its {@code weight_map} is authoritative, and a
 * {@code model.safetensors} beside it is ignored), then {@code model.safetensors}, then
 * {@code consolidated.safetensors}.
 *
 * @param source the path given by the caller
 * @param index the index file, or {@code null} for a single file
 * @param files the files to open, sorted
 * @param weightMap tensor name to shard file name from the index, or {@code null} for a single file
 */
public record CheckpointLayout(Path source, Path index, List<Path> files, Map<String, String> weightMap) {

    /** Name of the shard index file. */
    public static final String INDEX_FILE = "model.safetensors.index.json";

    /** Name of the single weights file. */
    public static final String SINGLE_FILE = "model.safetensors";

    /** Name of the single weights file in mistral_inference layout. */
    public static final String CONSOLIDATED_FILE = "consolidated.safetensors";

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointLayout.class);

    /**
     * Resolves {@code path} to the files of its checkpoint.
     *
     * @throws IllegalArgumentException when the path does not exist or a folder holds no checkpoint
     * @throws CheckpointFormatException when the index is invalid or names missing shards
     */
    public static CheckpointLayout resolve(Path given) throws IOException {
        Path path = given.toAbsolutePath().normalize();
        if (Files.isRegularFile(path)) {
            return new CheckpointLayout(path, null, List.of(path), null);
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("checkpoint not found: " + path + " is neither a safetensors file nor a folder");
        }
        Path index = path.resolve(INDEX_FILE);
        if (Files.isRegularFile(index)) {
            if (Files.exists(path.resolve(SINGLE_FILE))) {
                LOG.debug("{} has an index; ignoring {} beside it", path, SINGLE_FILE);
            }
            return fromIndex(path, index);
        }
        for (String name : List.of(SINGLE_FILE, CONSOLIDATED_FILE)) {
            Path single = path.resolve(name);
            if (Files.isRegularFile(single)) {
                return new CheckpointLayout(path, null, List.of(single), null);
            }
        }
        throw new IllegalArgumentException("no checkpoint in " + path + ": expected " + INDEX_FILE + ", "
                + SINGLE_FILE + " or " + CONSOLIDATED_FILE + "; safetensors files present: " + safetensorsFiles(path));
    }

    private static CheckpointLayout fromIndex(Path folder, Path index) throws IOException {
        Map<String, String> weightMap = readWeightMap(index);
        Map<String, List<String>> tensorsByShard = new TreeMap<>();
        for (Map.Entry<String, String> entry : weightMap.entrySet()) {
            tensorsByShard.computeIfAbsent(entry.getValue(), k -> new ArrayList<>()).add(entry.getKey());
        }
        List<Path> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, List<String>> shard : tensorsByShard.entrySet()) {
            Path file = shardPath(folder, index, shard.getKey());
            if (Files.isRegularFile(file)) {
                files.add(file);
            } else {
                List<String> names = shard.getValue();
                missing.add(shard.getKey() + " (" + names.size() + " tensors, e.g. '" + names.get(0) + "')");
            }
        }
        if (!missing.isEmpty()) {
            throw new CheckpointFormatException("index " + index + " names " + missing.size()
                    + " missing shard file(s): " + String.join(", ", missing) + "; download the missing shards");
        }
        return new CheckpointLayout(folder, index, Collections.unmodifiableList(files), Collections.unmodifiableMap(weightMap));
    }

    private static Map<String, String> readWeightMap(Path index) throws IOException {
        JsonElement root;
        try (Reader reader = Files.newBufferedReader(index, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(reader);
        } catch (JsonParseException e) {
            throw new CheckpointFormatException("invalid index " + index + ": " + e.getMessage(), e);
        }
        if (!root.isJsonObject() || !root.getAsJsonObject().has("weight_map")
                || !root.getAsJsonObject().get("weight_map").isJsonObject()) {
            throw new CheckpointFormatException("invalid index " + index + ": expected an object with a 'weight_map' object");
        }
        JsonObject map = root.getAsJsonObject().getAsJsonObject("weight_map");
        Map<String, String> weightMap = new TreeMap<>();
        for (Map.Entry<String, JsonElement> entry : map.entrySet()) {
            JsonElement value = entry.getValue();
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                throw new CheckpointFormatException("invalid index " + index + ": weight_map entry '" + entry.getKey()
                        + "' maps to " + value + "; expected a shard file name");
            }
            weightMap.put(entry.getKey(), value.getAsString());
        }
        return weightMap;
    }

    private static Path shardPath(Path folder, Path index, String shardName) {
        Path file = folder.resolve(shardName).normalize();
        if (!folder.equals(file.getParent())) {
            throw new CheckpointFormatException("invalid index " + index + ": shard '" + shardName
                    + "' is not a file name in " + folder);
        }
        return file;
    }

    private static String safetensorsFiles(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            TreeSet<String> names = new TreeSet<>();
            entries.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".safetensors")).forEach(names::add);
            return names.isEmpty() ? "none" : String.join(", ", names);
        }
    }
}
