package org.lens4j.examples.cli.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reading helpers for configuration files. A section may be a mapping or, as VLM-Lens writes them,
 * a list of one-key mappings ({@code - batch_size: [64, 128]}); both read as one ordered map.
 * The strings {@code None}, {@code none} and {@code null} read as absent values, because Python
 * users write {@code None} and YAML reads it as text.
 */
final class YamlSections {

    private YamlSections() {
    }

    /** Parses a YAML file whose top level is a mapping. */
    static Map<String, Object> readTopLevel(Path file) throws IOException {
        Object root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("invalid YAML in " + file + ": " + e.getMessage(), e);
        }
        if (!(root instanceof Map)) {
            throw new IllegalArgumentException("configuration " + file + " must be a YAML mapping at the top level");
        }
        return toStringKeys(root, file.toString());
    }

    /** Returns a section as one ordered map, accepting a mapping or a list of one-key mappings. */
    static Map<String, Object> section(Object value, String name) {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (value instanceof Map) {
            return toStringKeys(value, name);
        }
        if (value instanceof List) {
            Map<String, Object> merged = new LinkedHashMap<>();
            for (Object item : (List<?>) value) {
                if (!(item instanceof Map)) {
                    throw new IllegalArgumentException("section '" + name + "' must list key: value entries, found "
                            + item);
                }
                for (Map.Entry<String, Object> entry : toStringKeys(item, name).entrySet()) {
                    if (merged.put(entry.getKey(), entry.getValue()) != null) {
                        throw new IllegalArgumentException("key '" + entry.getKey() + "' appears twice in section '"
                                + name + "'");
                    }
                }
            }
            return merged;
        }
        throw new IllegalArgumentException("section '" + name + "' must be a mapping or a list, found " + value);
    }

    /** Rejects keys outside {@code allowed}, naming them and listing the allowed ones. */
    static void rejectUnknown(Map<String, Object> values, Set<String> allowed, String where) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown key" + (unknown.size() > 1 ? "s " : " ") + unknown + " in "
                    + where + "; allowed: " + new TreeSet<>(allowed));
        }
    }

    /** Returns a string value, or null when absent or written as None. */
    static String string(Map<String, Object> values, String key) {
        Object value = values.get(key);
        if (value == null || isNone(value)) {
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            throw new IllegalArgumentException("'" + key + "' must be a single value, found " + value);
        }
        return value.toString();
    }

    /** Returns a list of strings: a YAML list, or a single value as a one-element list. */
    static List<String> strings(Map<String, Object> values, String key) {
        Object value = values.get(key);
        List<String> out = new ArrayList<>();
        if (value == null || isNone(value)) {
            return out;
        }
        if (value instanceof List) {
            for (Object item : (List<?>) value) {
                out.add(String.valueOf(item));
            }
        } else {
            out.add(value.toString());
        }
        return out;
    }

    /** Returns a list of numbers: a YAML list, or a single number as a one-element list. */
    static List<Double> numbers(Map<String, Object> values, String key, List<Double> defaults) {
        Object value = values.get(key);
        if (value == null || isNone(value)) {
            return defaults;
        }
        List<Double> out = new ArrayList<>();
        for (Object item : value instanceof List ? (List<?>) value : List.of(value)) {
            out.add(number(item, key));
        }
        return out;
    }

    /** Returns one number or the default. */
    static double number(Map<String, Object> values, String key, double defaultValue) {
        Object value = values.get(key);
        return value == null || isNone(value) ? defaultValue : number(value, key);
    }

    static boolean isNone(Object value) {
        if (!(value instanceof String)) {
            return false;
        }
        String text = ((String) value).trim().toLowerCase(Locale.ROOT);
        return text.equals("none") || text.equals("null") || text.isEmpty();
    }

    private static double number(Object item, String key) {
        if (item instanceof Number) {
            return ((Number) item).doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(item));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' must be a number, found '" + item + "'", e);
        }
    }

    private static Map<String, Object> toStringKeys(Object map, String where) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) map).entrySet()) {
            if (entry.getKey() == null) {
                throw new IllegalArgumentException("empty key in " + where);
            }
            out.put(entry.getKey().toString(), entry.getValue());
        }
        return out;
    }
}
