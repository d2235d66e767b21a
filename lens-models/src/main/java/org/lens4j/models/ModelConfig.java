package org.lens4j.models;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A read-only view of a Hugging Face {@code config.json} (or a nested section such as
 * {@code vision_config}) with typed getters that take the default transformers applies.
 *
 * <p>A JSON {@code null} reads as absent, so the default applies.
 */
public final class ModelConfig {

    private final JsonObject json;
    private final String path;

    private ModelConfig(JsonObject json, String path) {
        this.json = json;
        this.path = path;
    }

    /**
     * Reads {@code config.json} from a model folder, or the given file. A folder without
     * {@code config.json} but with {@code params.json} (a mistral_inference checkpoint) yields
     * {@code params.json}.
     *
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException when it is not a JSON object
     */
    public static ModelConfig read(Path folderOrFile) {
        Path file = Files.isDirectory(folderOrFile) ? configFile(folderOrFile) : folderOrFile;
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model config " + file
                    + "; a model folder must contain config.json (or params.json for mistral_inference)", e);
        }
    }

    private static Path configFile(Path folder) {
        Path config = folder.resolve("config.json");
        Path params = folder.resolve("params.json");
        return Files.exists(config) || !Files.exists(params) ? config : params;
    }

    /**
     * Parses JSON text.
     *
     * @param source a description of where the text came from, used in error messages
     */
    public static ModelConfig parse(String text, String source) {
        try {
            JsonElement element = JsonParser.parseString(text);
            if (!element.isJsonObject()) {
                throw new IllegalArgumentException("model config " + source + " is not a JSON object");
            }
            return new ModelConfig(element.getAsJsonObject(), source);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("model config " + source + " is not valid JSON: "
                    + e.getMessage(), e);
        }
    }

    /** Wraps an existing JSON object. */
    public static ModelConfig of(JsonObject json) {
        return new ModelConfig(json.deepCopy(), "<json>");
    }

    /** Returns a deep copy of the underlying JSON object. */
    public JsonObject json() {
        return json.deepCopy();
    }

    /** Returns whether the key is present and not JSON {@code null}. */
    public boolean has(String key) {
        JsonElement value = json.get(key);
        return value != null && !value.isJsonNull();
    }

    /** Returns the nested section, or an empty section when absent. */
    public ModelConfig section(String key) {
        if (!has(key)) {
            return new ModelConfig(new JsonObject(), path + "#" + key);
        }
        JsonElement value = json.get(key);
        if (!value.isJsonObject()) {
            throw new IllegalArgumentException(path + ": '" + key + "' is not an object");
        }
        return new ModelConfig(value.getAsJsonObject(), path + "#" + key);
    }

    /** Returns {@code model_type}, if present. */
    public Optional<String> modelType() {
        return has("model_type") ? Optional.of(getString("model_type", "")) : Optional.empty();
    }

    /** Returns the integer value or the default. */
    public int getInt(String key, int defaultValue) {
        return has(key) ? number(key).intValue() : defaultValue;
    }

    /** Returns the long value or the default. */
    public long getLong(String key, long defaultValue) {
        return has(key) ? number(key).longValue() : defaultValue;
    }

    /** Returns the double value or the default. */
    public double getDouble(String key, double defaultValue) {
        return has(key) ? number(key).doubleValue() : defaultValue;
    }

    /** Returns the boolean value or the default. */
    public boolean getBoolean(String key, boolean defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        JsonElement value = json.get(key);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException(path + ": '" + key + "' must be a boolean, got " + value);
        }
        return value.getAsBoolean();
    }

    /** Returns the string value or the default. */
    public String getString(String key, String defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        JsonElement value = json.get(key);
        if (!value.isJsonPrimitive()) {
            throw new IllegalArgumentException(path + ": '" + key + "' must be a string, got " + value);
        }
        return value.getAsString();
    }

    /** Returns the integer array value or the default. */
    public int[] getIntArray(String key, int[] defaultValue) {
        if (!has(key)) {
            return defaultValue == null ? null : defaultValue.clone();
        }
        JsonArray array = array(key);
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).getAsInt();
        }
        return out;
    }

    /** Returns the raw JSON array value, if present. */
    public Optional<JsonArray> getArray(String key) {
        return has(key) ? Optional.of(array(key).deepCopy()) : Optional.empty();
    }

    /** Returns where this configuration was read from. */
    public String source() {
        return path;
    }

    private Number number(String key) {
        JsonElement value = json.get(key);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException(path + ": '" + key + "' must be a number, got " + value);
        }
        return value.getAsNumber();
    }

    private JsonArray array(String key) {
        JsonElement value = json.get(key);
        if (!value.isJsonArray()) {
            throw new IllegalArgumentException(path + ": '" + key + "' must be an array, got " + value);
        }
        return value.getAsJsonArray();
    }

    @Override
    public String toString() {
        return "ModelConfig[" + path + "]";
    }
}
