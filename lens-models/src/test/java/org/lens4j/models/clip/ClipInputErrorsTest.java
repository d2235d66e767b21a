package org.lens4j.models.clip;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.testing.SharedData;
import org.lens4j.models.LoadOptions;

class ClipInputErrorsTest {

    private static final Path FOLDER = SharedData.golden("clip-single");

    @Test
    void unpairedImagesAreRejected() {
        try (NDManager manager = LensRuntime.newManager();
                HookedModel model = new ClipAdapter().load(FOLDER, LoadOptions.defaults())) {
            NDArray ids = manager.create(new long[] {0, 5, 2}).reshape(1, 3);
            NDArray pixels = manager.zeros(new Shape(2, 3, 28, 28));
            ModelInputs inputs = ModelInputs.of(Map.of(ModelInputs.INPUT_IDS, ids, ModelInputs.PIXEL_VALUES, pixels));

            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> model.forward(inputs, ForwardHooks.NONE));

            assertTrue(error.getMessage().contains("[2, 3, 28, 28]"), error.getMessage());
            assertTrue(error.getMessage().contains("each of the 1 texts"), error.getMessage());
        }
    }

    @Test
    void textLongerThanPositionsIsRejected() {
        try (NDManager manager = LensRuntime.newManager();
                HookedModel model = new ClipAdapter().load(FOLDER, LoadOptions.defaults())) {
            NDArray ids = manager.zeros(new Shape(1, 17), ai.djl.ndarray.types.DataType.INT64);
            NDArray pixels = manager.zeros(new Shape(1, 3, 28, 28));
            ModelInputs inputs = ModelInputs.of(Map.of(ModelInputs.INPUT_IDS, ids, ModelInputs.PIXEL_VALUES, pixels));

            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> model.forward(inputs, ForwardHooks.NONE));

            assertTrue(error.getMessage().contains("17 tokens"), error.getMessage());
            assertTrue(error.getMessage().contains("max_position_embeddings = 16"), error.getMessage());
        }
    }
}
