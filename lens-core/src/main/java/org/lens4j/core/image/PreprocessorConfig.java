package org.lens4j.core.image;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The settings of a Hugging Face image processor, as stored in a model folder's
 * {@code preprocessor_config.json}, with typed getters that keep the Hugging Face key names
 * ({@code min_pixels}, {@code image_mean}, {@code size}, ...).
 *
 * <p>A JSON {@code null} counts as absent, so the processor's default applies. A value of the
 * wrong type is an {@link IllegalArgumentException} naming the key and the value.
 */
public final class PreprocessorConfig {

    /** The file name Hugging Face uses in a model folder. */
    public static final String FILE_NAME = "preprocessor_config.json";

    private static final Gson GSON = new Gson();

    private final Map<String, Object> values;

    private PreprocessorConfig(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Wraps a map of settings (copied shallowly); numbers may be any {@link Number}. */
    public static PreprocessorConfig fromMap(Map<String, ?> values) {
        return new PreprocessorConfig(new LinkedHashMap<>(values));
    }

    /**
     * Parses the JSON text of a {@code preprocessor_config.json}.
     *
     * @throws IllegalArgumentException when the text is not a JSON object
     */
    public static PreprocessorConfig fromJson(String json) {
        Map<String, Object> parsed;
        try {
            parsed = GSON.fromJson(json, new TypeToken<Map<String, Object>>() { }.getType());
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("preprocessor config is not a valid JSON object: " + e.getMessage(), e);
        }
        if (parsed == null) {
            throw new IllegalArgumentException("preprocessor config is empty; expected a JSON object");
        }
        return new PreprocessorConfig(parsed);
    }

    /**
     * Reads {@code preprocessor_config.json} from a model folder.
     *
     * @throws IOException when the file is missing or unreadable
     */
    public static PreprocessorConfig fromFolder(Path modelFolder) throws IOException {
        Path file = modelFolder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new java.io.FileNotFoundException("no " + FILE_NAME + " in model folder " + modelFolder);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return fromJson(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid " + file + ": " + e.getMessage(), e);
        }
    }

    /** Returns the settings as an unmodifiable map. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** Returns {@code image_processor_type}, if set. */
    public Optional<String> processorType() {
        Object value = values.get("image_processor_type");
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }

    /** Returns whether the key is present with a non-null value. */
    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** Returns an integer setting, or {@code fallback} when absent. */
    public int getInt(String key, int fallback) {
        OptionalInt value = findInt(key);
        return value.isPresent() ? value.getAsInt() : fallback;
    }

    /** Returns an integer setting if present. */
    public OptionalInt findInt(String key) {
        Object value = values.get(key);
        return value == null ? OptionalInt.empty() : OptionalInt.of(toInt(key, value));
    }

    /** Returns a numeric setting, or {@code fallback} when absent. */
    public double getDouble(String key, double fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number)) {
            throw wrongType(key, value, "a number");
        }
        return number.doubleValue();
    }

    /** Returns a boolean setting, or {@code fallback} when absent. */
    public boolean getBoolean(String key, boolean fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean flag)) {
            throw wrongType(key, value, "true or false");
        }
        return flag;
    }

    /**
     * Returns a per-channel setting such as {@code image_mean}: a list of 3 numbers, or one number
     * repeated for the 3 channels, rounded to float32; {@code fallback} when absent.
     */
    public float[] getChannels(String key, float[] fallback) {
        Optional<double[]> values = findChannels(key);
        if (values.isEmpty()) {
            return fallback.clone();
        }
        double[] raw = values.get();
        return new float[] {(float) raw[0], (float) raw[1], (float) raw[2]};
    }

    /**
     * Returns a per-channel setting at full double precision: a list of 3 numbers, or one number
     * repeated for the 3 channels; empty when absent.
     */
    public Optional<double[]> findChannels(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number number) {
            double single = number.doubleValue();
            return Optional.of(new double[] {single, single, single});
        }
        List<?> list = asList(key, value);
        if (list.size() != 3) {
            throw new IllegalArgumentException(key + " must have 3 values (red, green, blue), got " + value);
        }
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            if (!(list.get(i) instanceof Number number)) {
                throw wrongType(key, value, "a list of 3 numbers");
            }
            out[i] = number.doubleValue();
        }
        return Optional.of(out);
    }

    /**
     * Returns a size dictionary such as {@code size} or {@code crop_size} ({@code
     * {"height": 224, "width": 224}} or {@code {"shortest_edge": 224}}); a bare integer {@code n}
     * reads as {@code {"height": n, "width": n}}. Empty when absent.
     */
    public Optional<Map<String, Integer>> getSize(String key) {
        return getSize(key, true);
    }

    /**
     * Returns a size dictionary as {@link #getSize(String)}, except that with {@code
     * defaultToSquare} false a bare integer {@code n} reads as {@code {"shortest_edge": n}}, as
     * Hugging Face's {@code get_size_dict} does for processors that keep the aspect ratio.
     */
    public Optional<Map<String, Integer>> getSize(String key, boolean defaultToSquare) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        Map<String, Integer> size = new LinkedHashMap<>();
        if (value instanceof Number) {
            int edge = toInt(key, value);
            if (defaultToSquare) {
                size.put("height", edge);
                size.put("width", edge);
            } else {
                size.put("shortest_edge", edge);
            }
            return Optional.of(size);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw wrongType(key, value, "an object such as {\"height\": 224, \"width\": 224}");
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getValue() != null) {
                size.put(entry.getKey().toString(), toInt(key + "." + entry.getKey(), entry.getValue()));
            }
        }
        return Optional.of(size);
    }

    /**
     * Returns a size dictionary that must have the form {@code {"height": h, "width": w}} (or a
     * bare integer for a square), such as {@code crop_size}; empty when absent.
     *
     * @throws IllegalArgumentException when the dictionary lacks {@code height} or {@code width}
     */
    public Optional<ImageSize> getHeightWidth(String key) {
        Optional<Map<String, Integer>> size = getSize(key);
        if (size.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> map = size.get();
        if (!map.containsKey("height") || !map.containsKey("width")) {
            throw new IllegalArgumentException(key + " must contain 'height' and 'width', got " + map);
        }
        return Optional.of(new ImageSize(map.get("height"), map.get("width")));
    }

    /**
     * Returns a list of integer pairs such as {@code image_grid_pinpoints} ({@code [[336, 672],
     * ...]}); empty when absent.
     */
    public Optional<List<int[]>> getIntPairs(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        List<int[]> pairs = new ArrayList<>();
        for (Object item : asList(key, value)) {
            List<?> pair = asList(key, item);
            if (pair.size() != 2) {
                throw new IllegalArgumentException(key + " must hold pairs [height, width], got " + value);
            }
            pairs.add(new int[] {toInt(key, pair.get(0)), toInt(key, pair.get(1))});
        }
        return Optional.of(pairs);
    }

    /**
     * Returns the rescale and normalisation settings ({@code do_rescale}, {@code rescale_factor},
     * {@code do_normalize}, {@code image_mean}, {@code image_std}), each falling back to
     * {@code defaults}.
     */
    public Normalization normalization(Normalization defaults) {
        return new Normalization(
                getBoolean("do_rescale", defaults.rescale()),
                getDouble("rescale_factor", defaults.rescaleFactor()),
                getBoolean("do_normalize", defaults.normalize()),
                getChannels("image_mean", defaults.mean()),
                getChannels("image_std", defaults.std()));
    }

    /** Returns the {@code resample} filter, or {@code fallback} when absent. */
    public ResampleFilter resample(ResampleFilter fallback) {
        OptionalInt code = findInt("resample");
        return code.isPresent() ? ResampleFilter.fromPilCode(code.getAsInt()) : fallback;
    }

    @Override
    public String toString() {
        return "PreprocessorConfig" + values;
    }

    private static int toInt(String key, Object value) {
        if (!(value instanceof Number number)) {
            throw wrongType(key, value, "an integer");
        }
        double asDouble = number.doubleValue();
        if (asDouble != Math.rint(asDouble) || Math.abs(asDouble) > Integer.MAX_VALUE) {
            throw wrongType(key, value, "an integer");
        }
        return (int) asDouble;
    }

    private static List<?> asList(String key, Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof int[] ints) {
            List<Integer> list = new ArrayList<>();
            for (int v : ints) {
                list.add(v);
            }
            return list;
        }
        if (value instanceof double[] doubles) {
            List<Double> list = new ArrayList<>();
            for (double v : doubles) {
                list.add(v);
            }
            return list;
        }
        if (value instanceof float[] floats) {
            List<Double> list = new ArrayList<>();
            for (float v : floats) {
                list.add((double) v);
            }
            return list;
        }
        if (value instanceof Object[] array) {
            return List.of(array);
        }
        throw wrongType(key, value, "a list");
    }

    private static IllegalArgumentException wrongType(String key, Object value, String expected) {
        return new IllegalArgumentException("preprocessor setting '" + key + "' must be " + expected + ", got "
                + value + " (" + value.getClass().getSimpleName() + ")");
    }
}
