package org.lens4j.core.checkpoint.internal;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lens4j.core.checkpoint.CheckpointFormatException;

/**
 * Parses the JSON header of a safetensors file into raw entries, without checking them against
 * the data section.
 *
 * <p>The JSON must be one object, parsed strictly (no comments, no single quotes, no trailing
 * content other than whitespace). Each key is a tensor name mapping to an object with exactly
 * {@code dtype} (string), {@code shape} (array of integers) and {@code data_offsets} (two
 * integers); the optional key {@code __metadata__} maps to an object of strings.
 */
final class HeaderParser {

    /** The reserved key for free-form string metadata. */
    static final String METADATA_KEY = "__metadata__";

    /**
     * One tensor entry as written in the header.
     *
     * @param name the tensor name
     * @param dtype the dtype string as written
     * @param shape the dimensions
     * @param begin the first data offset
     * @param end the second data offset
     */
    record RawEntry(String name, String dtype, long[] shape, long begin, long end) {
    }

    /**
     * The parsed header.
     *
     * @param entries tensor entries in header order
     * @param metadata the {@code __metadata__} map, empty when absent
     */
    record Parsed(List<RawEntry> entries, Map<String, String> metadata) {
    }

    private final Path file;

    HeaderParser(Path file) {
        this.file = file;
    }

    Parsed parse(String json) {
        if (json.isEmpty() || json.charAt(0) != '{') {
            throw invalid("the JSON header must start with '{'");
        }
        try (JsonReader reader = new JsonReader(new StringReader(json))) {
            reader.setStrictness(Strictness.STRICT);
            Parsed parsed = readHeader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw invalid("unexpected content after the JSON header object");
            }
            return parsed;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new CheckpointFormatException("invalid safetensors header in " + file + ": "
                    + e.getMessage() + "; the file is corrupt or not a safetensors file", e);
        }
    }

    private Parsed readHeader(JsonReader reader) throws IOException {
        List<RawEntry> entries = new ArrayList<>();
        Map<String, String> metadata = Map.of();
        Set<String> seen = new HashSet<>();
        reader.beginObject();
        while (reader.hasNext()) {
            String name = reader.nextName();
            if (!seen.add(name)) {
                throw invalid("key '" + name + "' appears twice");
            }
            if (METADATA_KEY.equals(name)) {
                metadata = readMetadata(reader);
            } else {
                entries.add(readEntry(name, reader));
            }
        }
        reader.endObject();
        return new Parsed(entries, metadata);
    }

    private Map<String, String> readMetadata(JsonReader reader) throws IOException {
        expect(reader, JsonToken.BEGIN_OBJECT, METADATA_KEY);
        Map<String, String> metadata = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
            String key = reader.nextName();
            expect(reader, JsonToken.STRING, METADATA_KEY + "." + key);
            metadata.put(key, reader.nextString());
        }
        reader.endObject();
        return metadata;
    }

    private RawEntry readEntry(String name, JsonReader reader) throws IOException {
        expect(reader, JsonToken.BEGIN_OBJECT, "tensor '" + name + "'");
        String dtype = null;
        long[] shape = null;
        long[] offsets = null;
        reader.beginObject();
        while (reader.hasNext()) {
            String field = reader.nextName();
            switch (field) {
                case "dtype" -> {
                    expect(reader, JsonToken.STRING, "dtype of tensor '" + name + "'");
                    dtype = reader.nextString();
                }
                case "shape" -> shape = readIntegers(reader, "shape of tensor '" + name + "'");
                case "data_offsets" -> offsets = readIntegers(reader, "data_offsets of tensor '" + name + "'");
                default -> throw invalid("tensor '" + name + "' has unknown field '" + field
                        + "'; expected dtype, shape and data_offsets");
            }
        }
        reader.endObject();
        if (dtype == null || shape == null || offsets == null) {
            throw invalid("tensor '" + name + "' lacks " + (dtype == null ? "dtype" : shape == null ? "shape" : "data_offsets"));
        }
        if (offsets.length != 2) {
            throw invalid("data_offsets of tensor '" + name + "' has " + offsets.length + " values; expected [begin, end]");
        }
        return new RawEntry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private long[] readIntegers(JsonReader reader, String what) throws IOException {
        expect(reader, JsonToken.BEGIN_ARRAY, what);
        List<Long> values = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
            expect(reader, JsonToken.NUMBER, what);
            long value = reader.nextLong();
            if (value < 0) {
                throw invalid(what + " contains the negative value " + value);
            }
            values.add(value);
        }
        reader.endArray();
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    private void expect(JsonReader reader, JsonToken token, String what) throws IOException {
        JsonToken actual = reader.peek();
        if (actual != token) {
            throw invalid(what + " is " + actual + "; expected " + token);
        }
    }

    private CheckpointFormatException invalid(String reason) {
        return new CheckpointFormatException("invalid safetensors header in " + file + ": " + reason);
    }
}
