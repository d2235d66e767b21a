package org.lens4j.examples.cli.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The configuration of {@code lens probe}, read from a VLM-Lens style YAML file with the sections
 * {@code model}, {@code training}, {@code test} and {@code data}.
 *
 * <pre>
 * model:
 *   - activation: ReLU
 *   - hidden_size: 512
 *   - num_layers: 2
 *   - save_dir: output/probe
 * training:
 *   - batch_size: [64, 128]
 *   - num_epochs: [50]
 *   - learning_rate: [0.001]
 *   - optimizer: AdamW
 *   - loss: CrossEntropyLoss
 * test:
 *   - batch_size: 32
 *   - loss: CrossEntropyLoss
 * data:
 *   - input_db: fabric.db
 *   - db_name: tensors
 *   - input_layer: model.layers.13.post_attention_layernorm
 * </pre>
 *
 * @param activation {@code relu} or {@code gelu}
 * @param hiddenSize width of each hidden layer
 * @param numLayers number of linear layers (1 = logistic regression)
 * @param saveDir folder for the result files, or null
 * @param batchSizes grid of training batch sizes
 * @param epochs grid of epoch counts
 * @param learningRates grid of learning rates
 * @param optimizer {@code adam} or {@code adamw}
 * @param testBatchSize batch size at test time (accepted for compatibility; it does not change results)
 * @param inputDb the feature store
 * @param inputLayer the layer to probe
 * @param pooling the pooling of the rows to read, or null to take the only one stored
 */
public record ProbeConfig(String activation, int hiddenSize, int numLayers, Path saveDir, List<Integer> batchSizes,
        List<Integer> epochs, List<Double> learningRates, String optimizer, int testBatchSize, Path inputDb,
        String inputLayer, String pooling) {

    private static final Set<String> TOP = Set.of("model", "training", "test", "data");
    private static final Set<String> MODEL = Set.of("activation", "hidden_size", "num_layers", "save_dir");
    private static final Set<String> TRAINING =
            Set.of("batch_size", "num_epochs", "learning_rate", "optimizer", "loss");
    private static final Set<String> TEST = Set.of("batch_size", "loss");
    private static final Set<String> DATA = Set.of("input_db", "db_name", "input_layer", "pooling_method");

    /**
     * Reads and validates a configuration file.
     *
     * @throws IllegalArgumentException naming the key and section when a key is unknown, a
     *     required key is missing or a value is out of range
     * @throws IOException when the file cannot be read
     */
    public static ProbeConfig read(Path file) throws IOException {
        Map<String, Object> top = YamlSections.readTopLevel(file);
        YamlSections.rejectUnknown(top, TOP, file.toString());
        Map<String, Object> model = section(top, "model", MODEL, file);
        Map<String, Object> training = section(top, "training", TRAINING, file);
        Map<String, Object> test = section(top, "test", TEST, file);
        Map<String, Object> data = section(top, "data", DATA, file);
        checkLoss(training, "training");
        checkLoss(test, "test");
        String table = YamlSections.string(data, "db_name");
        if (table != null && !table.equals("tensors")) {
            throw new IllegalArgumentException("data.db_name must be 'tensors', got '" + table + "'");
        }
        Path base = file.toAbsolutePath().getParent();
        String inputDb = YamlSections.string(data, "input_db");
        String layer = YamlSections.string(data, "input_layer");
        if (inputDb == null || layer == null) {
            throw new IllegalArgumentException("section 'data' in " + file + " needs input_db and input_layer");
        }
        String saveDir = YamlSections.string(model, "save_dir");
        return new ProbeConfig(
                choice(model, "activation", "relu", Set.of("relu", "gelu")),
                positive(YamlSections.number(model, "hidden_size", 512), "model.hidden_size"),
                positive(YamlSections.number(model, "num_layers", 2), "model.num_layers"),
                saveDir == null ? null : base.resolve(saveDir),
                integers(YamlSections.numbers(training, "batch_size", List.of(64.0)), "training.batch_size"),
                integers(YamlSections.numbers(training, "num_epochs", List.of(50.0)), "training.num_epochs"),
                List.copyOf(YamlSections.numbers(training, "learning_rate", List.of(0.001))),
                choice(training, "optimizer", "adamw", Set.of("adam", "adamw")),
                positive(YamlSections.number(test, "batch_size", 32), "test.batch_size"),
                base.resolve(inputDb), layer, YamlSections.string(data, "pooling_method"));
    }

    private static Map<String, Object> section(Map<String, Object> top, String name, Set<String> keys, Path file) {
        Map<String, Object> values = YamlSections.section(top.get(name), name);
        YamlSections.rejectUnknown(values, keys, "section '" + name + "' of " + file);
        return values;
    }

    private static void checkLoss(Map<String, Object> values, String section) {
        String loss = YamlSections.string(values, "loss");
        if (loss != null && !loss.equals("CrossEntropyLoss")) {
            throw new IllegalArgumentException(section + ".loss must be CrossEntropyLoss, got '" + loss + "'");
        }
    }

    private static String choice(Map<String, Object> values, String key, String fallback, Set<String> allowed) {
        String value = YamlSections.string(values, key);
        String normalised = value == null ? fallback : value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(normalised)) {
            throw new IllegalArgumentException("'" + key + "' must be one of " + allowed + ", got '" + value + "'");
        }
        return normalised;
    }

    private static int positive(double value, String key) {
        if (!(value >= 1) || value != Math.rint(value)) {
            throw new IllegalArgumentException(key + " must be a positive integer, got " + value);
        }
        return (int) value;
    }

    private static List<Integer> integers(List<Double> values, String key) {
        return values.stream().map(v -> positive(v, key)).toList();
    }
}
