package org.lens4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.testing.SharedData;

/** Every reference checkpoint, input and activation file reads without error and agrees with modules.txt. */
class GoldenCheckpointsTest {

    private static NDManager manager;

    @BeforeAll
    static void startEngine() {
        manager = LensRuntime.newManager();
    }

    @AfterAll
    static void stopEngine() {
        manager.close();
    }

    /** Returns every case folder (one holding modules.txt), relative to goldens/. */
    static Stream<String> cases() throws IOException {
        Path goldens = SharedData.root().resolve("goldens");
        try (Stream<Path> files = Files.walk(goldens, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("modules.txt"))
                    .map(p -> goldens.relativize(p.getParent()).toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    static Stream<String> preprocessFiles() throws IOException {
        try (Stream<Path> files = Files.list(SharedData.golden("preprocess"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".safetensors"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    private static Set<String> modules(Path folder) throws IOException {
        return new HashSet<>(Files.readAllLines(folder.resolve("modules.txt")));
    }

    /** Returns the module owning a parameter: the name without its last segment, "" at the root. */
    private static String moduleOf(String parameter) {
        int dot = parameter.lastIndexOf('.');
        return dot < 0 ? "" : parameter.substring(0, dot);
    }

    /** Reads every tensor as the typed array of its dtype and checks the element count. */
    private static void readAll(SafetensorsCheckpoint checkpoint) {
        for (String name : checkpoint.names()) {
            TensorInfo info = checkpoint.info(name);
            long count = info.dtype().isFloatingPoint() ? checkpoint.readFloats(name).length : checkpoint.readLongs(name).length;
            assertEquals(info.elementCount(), count, checkpoint.source() + " " + name);
        }
    }

    @Test
    void casesDiscovered() throws IOException {
        List<String> found = cases().toList();
        assertTrue(found.contains("qwen2_vl-bf16-sharded"), found.toString());
        assertTrue(found.contains("remote-code/molmo-single"), found.toString());
        assertEquals(20, found.size(), found.toString());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void weightsBelongToListedModules(String name) throws IOException {
        Path folder = SharedData.golden(name);
        Set<String> modules = modules(folder);
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder)) {
            assertFalse(checkpoint.names().isEmpty(), name);
            for (String parameter : checkpoint.names()) {
                assertTrue(modules.contains(moduleOf(parameter)), name + ": module of " + parameter + " not in modules.txt");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void weightsLoadAsTheyRead(String name) {
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(SharedData.golden(name));
                NDManager scope = manager.newSubManager()) {
            for (String parameter : checkpoint.names()) {
                NDArray array = checkpoint.load(scope, parameter);
                assertArrayEquals(checkpoint.info(parameter).shape(), array.getShape().getShape(), name + " " + parameter);
                assertArrayEquals(checkpoint.readFloats(parameter), array.toFloatArray(), name + " " + parameter);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void inputsRead(String name) {
        try (SafetensorsCheckpoint inputs = SafetensorsCheckpoint.open(SharedData.golden(name).resolve("inputs.safetensors"))) {
            assertFalse(inputs.names().isEmpty(), name);
            readAll(inputs);
            for (String input : inputs.names()) {
                TensorDType dtype = inputs.info(input).dtype();
                assertTrue(dtype == TensorDType.F32 || dtype == TensorDType.I64, name + " " + input + " is " + dtype);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void activationsNameListedModules(String name) throws IOException {
        Path folder = SharedData.golden(name);
        Set<String> modules = modules(folder);
        try (SafetensorsCheckpoint activations = SafetensorsCheckpoint.open(folder.resolve("activations.safetensors"))) {
            readAll(activations);
            for (String module : activations.names()) {
                assertTrue(modules.contains(module), name + ": activation " + module + " not in modules.txt");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("preprocessFiles")
    void preprocessFileReads(String file) {
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(SharedData.golden("preprocess").resolve(file))) {
            assertFalse(checkpoint.names().isEmpty(), file);
            readAll(checkpoint);
        }
    }

    /** The bf16 case stores the float32 weights of qwen2_vl-single rounded to nearest even by torch. */
    @Test
    void bf16ShardsMatchRoundedFloat32Weights() {
        try (SafetensorsCheckpoint bf16 = SafetensorsCheckpoint.open(SharedData.golden("qwen2_vl-bf16-sharded"));
                SafetensorsCheckpoint f32 = SafetensorsCheckpoint.open(SharedData.golden("qwen2_vl-single"))) {
            assertEquals(6, bf16.files().size());
            assertEquals(f32.names(), bf16.names());
            for (String name : bf16.names()) {
                assertEquals(TensorDType.BF16, bf16.info(name).dtype(), name);
                TensorData rounded = TensorData.ofFloats(TensorDType.BF16, f32.info(name).shape(), f32.readFloats(name));
                assertArrayEquals(rounded.data(), bf16.readRaw(name), name);
            }
        }
    }

    @Test
    void bf16ShardsWidenToRoundedValues() {
        try (SafetensorsCheckpoint bf16 = SafetensorsCheckpoint.open(SharedData.golden("qwen2_vl-bf16-sharded"));
                SafetensorsCheckpoint f32 = SafetensorsCheckpoint.open(SharedData.golden("qwen2_vl-single"))) {
            for (String name : bf16.names()) {
                float[] original = f32.readFloats(name);
                float[] widened = bf16.readFloats(name);
                for (int i = 0; i < original.length; i++) {
                    // Widening is exact, so the widened value is the original with the low 16 bits rounded away.
                    int bits = Float.floatToRawIntBits(original[i]);
                    int expected = (bits + 0x7FFF + ((bits >>> 16) & 1)) & 0xFFFF_0000;
                    assertEquals(expected, Float.floatToRawIntBits(widened[i]), name + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void paligemmaHeadTiedToEmbedding() {
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(SharedData.golden("paligemma-single"))) {
            assertEquals("language_model.model.embed_tokens.weight", TiedWeights.resolveHeadName(checkpoint,
                    "language_model.lm_head.weight", "language_model.model.embed_tokens.weight", true));
        }
    }
}
