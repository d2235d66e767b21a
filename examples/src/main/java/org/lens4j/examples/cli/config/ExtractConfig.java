package org.lens4j.examples.cli.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configuration of {@code lens extract}, read from a VLM-Lens style YAML file.
 *
 * <pre>
 * architecture: qwen
 * model_path: /models/Qwen2-VL-2B-Instruct
 * modules:
 *   - visual.blocks.31.norm2
 *   - model.layers.*.post_attention_layernorm
 * prompt: "Is there a defect in this fabric?"
 * input_dir: ./fabric
 * output_db: fabric.db
 * pooling_method: mean
 * </pre>
 *
 * <p>{@code model}, {@code forward} and {@code dataset} sections are accepted so VLM-Lens files
 * parse, but only the keys listed in {@link #KEYS} have an effect; a non-empty {@code model},
 * {@code forward} or {@code dataset} section is rejected with a message saying it is not supported.
 *
 * @param architecture the VLM-Lens architecture name, or null to detect it from config.json
 * @param modelPath the local model folder
 * @param modules module names or patterns
 * @param prompt the prompt sent with every image, or null for the default
 * @param inputDir folder with {@code normal/} and {@code defect/} sub-folders (or any label
 *     sub-folders), or a CSV file {@code image_path,label[,prompt,group]}
 * @param outputDb the SQLite feature store to write
 * @param poolingMethod the pooling name, or null for none
 */
public record ExtractConfig(String architecture, Path modelPath, List<String> modules, String prompt, Path inputDir,
        Path outputDb, String poolingMethod) {

    /** Every key the file may contain. */
    public static final Set<String> KEYS = Set.of("architecture", "model_path", "modules", "prompt", "input_dir",
            "output_db", "pooling_method", "model", "forward", "dataset", "device", "log_named_modules");

    /** Validates the required components. */
    public ExtractConfig {
        modules = List.copyOf(modules);
    }

    /**
     * Reads and validates a configuration file.
     *
     * @throws IllegalArgumentException naming the key when a key is unknown, a required key is
     *     missing or a value has the wrong form
     * @throws IOException when the file cannot be read
     */
    public static ExtractConfig read(Path file) throws IOException {
        Map<String, Object> top = YamlSections.readTopLevel(file);
        YamlSections.rejectUnknown(top, KEYS, file.toString());
        for (String section : List.of("model", "forward", "dataset")) {
            if (!YamlSections.section(top.get(section), section).isEmpty()) {
                throw new IllegalArgumentException("section '" + section + "' in " + file
                        + " is not supported; use input_dir for images and leave '" + section + "' out");
            }
        }
        Path base = file.toAbsolutePath().getParent();
        String modelPath = required(top, "model_path", file);
        String inputDir = required(top, "input_dir", file);
        String outputDb = required(top, "output_db", file);
        List<String> modules = YamlSections.strings(top, "modules");
        if (modules.isEmpty()) {
            throw new IllegalArgumentException("missing key 'modules' in " + file + ": list at least one module name");
        }
        return new ExtractConfig(YamlSections.string(top, "architecture"), base.resolve(modelPath), modules,
                YamlSections.string(top, "prompt"), base.resolve(inputDir), base.resolve(outputDb),
                YamlSections.string(top, "pooling_method"));
    }

    private static String required(Map<String, Object> top, String key, Path file) {
        String value = YamlSections.string(top, key);
        if (value == null) {
            throw new IllegalArgumentException("missing key '" + key + "' in " + file);
        }
        return value;
    }
}
