package org.lens4j.examples.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void extractConfigReadsVlmLensKeys() throws IOException {
        Path file = write("e.yaml", "architecture: qwen\nmodel_path: /m/qwen\ninput_dir: ./data/\n"
                + "prompt: \"Describe it.\"\noutput_db: out.db\nmodules:\n  - visual.blocks.31.norm2\n"
                + "  - model.layers.*.mlp\npooling_method: None\n");

        ExtractConfig config = ExtractConfig.read(file);

        assertEquals("qwen", config.architecture());
        assertEquals(List.of("visual.blocks.31.norm2", "model.layers.*.mlp"), config.modules());
        assertEquals(dir.resolve("out.db"), config.outputDb());
        assertNull(config.poolingMethod(), "None must read as no pooling");
    }

    @Test
    void extractConfigRejectsUnknownKeyByName() throws IOException {
        Path file = write("e.yaml", "model_path: m\ninput_dir: d\noutput_db: o.db\nmodules: [a]\nbatchsize: 3\n");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ExtractConfig.read(file));

        assertTrue(error.getMessage().contains("batchsize"), error.getMessage());
    }

    @Test
    void extractConfigNamesMissingKey() throws IOException {
        Path file = write("e.yaml", "model_path: m\ninput_dir: d\nmodules: [a]\n");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ExtractConfig.read(file));

        assertTrue(error.getMessage().contains("output_db"), error.getMessage());
    }

    @Test
    void probeConfigReadsListOfOneKeyMaps() throws IOException {
        Path file = write("p.yaml", "model:\n  - activation: ReLU\n  - hidden_size: 512\n  - num_layers: 2\n"
                + "  - save_dir: output/probe\ntraining:\n  - batch_size: [64, 128]\n  - num_epochs: [50]\n"
                + "  - learning_rate: [0.001]\n  - optimizer: AdamW\n  - loss: CrossEntropyLoss\n"
                + "test:\n  - batch_size: 32\n  - loss: CrossEntropyLoss\ndata:\n  - input_db: q.db\n"
                + "  - db_name: tensors\n  - input_layer: model.layers.13.post_attention_layernorm\n");

        ProbeConfig config = ProbeConfig.read(file);

        assertEquals("relu", config.activation());
        assertEquals(List.of(64, 128), config.batchSizes());
        assertEquals(List.of(0.001), config.learningRates());
        assertEquals("model.layers.13.post_attention_layernorm", config.inputLayer());
        assertEquals(dir.resolve("q.db"), config.inputDb());
    }

    @Test
    void probeConfigRejectsUnknownKeyInSection() throws IOException {
        Path file = write("p.yaml", "model:\n  - hiden_size: 3\ndata:\n  - input_db: q.db\n  - input_layer: x\n");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ProbeConfig.read(file));

        assertTrue(error.getMessage().contains("hiden_size"), error.getMessage());
    }

    @Test
    void probeConfigRejectsKeyGivenTwice() throws IOException {
        Path file = write("p.yaml", "model:\n  - num_layers: 2\n  - num_layers: 3\ndata:\n  - input_db: q.db\n"
                + "  - input_layer: x\n");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ProbeConfig.read(file));

        assertTrue(error.getMessage().contains("twice"), error.getMessage());
    }
}
