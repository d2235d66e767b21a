package org.lens4j.models.llava;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.testing.GoldenInputs;

class LlavaInputErrorsTest {

    private static final Path FOLDER = SharedData.golden("llava-single");

    private static HookedModel model;
    private static NDManager manager;

    @BeforeAll
    static void load() {
        model = new LlavaAdapter().load(FOLDER, LoadOptions.defaults());
        manager = LensRuntime.newManager();
    }

    @AfterAll
    static void close() {
        manager.close();
        model.close();
    }

    @Test
    void imageTokenCountMismatchIsRejected() {
        Map<String, NDArray> inputs = golden();
        inputs.put(ModelInputs.INPUT_IDS, manager.create(new long[] {1, 5, 99, 7}).reshape(1, 4));
        inputs.remove(ModelInputs.ATTENTION_MASK);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> run(inputs));

        assertTrue(error.getMessage().contains("1 image tokens"), error.getMessage());
        assertTrue(error.getMessage().contains("give 4 feature rows"), error.getMessage());
    }

    @Test
    void tokenOutsideVocabularyIsRejected() {
        Map<String, NDArray> inputs = golden();
        inputs.put(ModelInputs.INPUT_IDS, manager.create(new long[] {1, 500}).reshape(1, 2));
        inputs.remove(ModelInputs.ATTENTION_MASK);
        inputs.remove(ModelInputs.PIXEL_VALUES);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> run(inputs));

        assertTrue(error.getMessage().contains("input_ids[0][1] = 500"), error.getMessage());
        assertTrue(error.getMessage().contains("outside the vocabulary"), error.getMessage());
    }

    @Test
    void wrongImageSizeIsRejected() {
        Map<String, NDArray> inputs = golden();
        inputs.put(ModelInputs.PIXEL_VALUES, manager.zeros(new Shape(1, 3, 32, 32)));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> run(inputs));

        assertTrue(error.getMessage().contains("[1, 3, 32, 32]"), error.getMessage());
        assertTrue(error.getMessage().contains("image_size 28"), error.getMessage());
    }

    @Test
    void imageTokensWithoutPixelsAreRejected() {
        Map<String, NDArray> inputs = golden();
        inputs.remove(ModelInputs.PIXEL_VALUES);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> run(inputs));

        assertTrue(error.getMessage().contains("no pixel_values"), error.getMessage());
    }

    @Test
    void maskShapeMismatchIsRejected() {
        Map<String, NDArray> inputs = golden();
        inputs.put(ModelInputs.ATTENTION_MASK, manager.ones(new Shape(1, 3)).toType(ai.djl.ndarray.types.DataType.INT64, false));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> run(inputs));

        assertTrue(error.getMessage().contains("attention_mask has shape [1, 3]"), error.getMessage());
    }

    @Test
    void textOnlyInputRuns() {
        Map<String, NDArray> inputs = new LinkedHashMap<>();
        inputs.put(ModelInputs.INPUT_IDS, manager.create(new long[] {1, 5, 6, 7}).reshape(1, 4));

        run(inputs);
    }

    private static Map<String, NDArray> golden() {
        ModelInputs inputs = GoldenInputs.read(FOLDER, manager);
        Map<String, NDArray> map = new LinkedHashMap<>();
        for (String name : inputs.names()) {
            map.put(name, inputs.require(name));
        }
        return map;
    }

    private static void run(Map<String, NDArray> inputs) {
        model.forward(ModelInputs.of(inputs), ForwardHooks.NONE);
    }
}
