package org.lens4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.CaptureResult;
import org.lens4j.core.capture.CaptureTarget;
import org.lens4j.core.module.ModuleInfo;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.pool.Pooling;
import org.lens4j.core.pool.PoolingSpec;
import org.lens4j.core.pool.TokenSubset;
import org.lens4j.core.testing.TinyVlm;
import org.lens4j.models.testing.TinyAdapter;
import org.lens4j.models.testing.TinyProcessor;

class LensTest {

    @TempDir
    Path folder;

    private AdapterRegistry registry;
    private NDManager inputManager;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"tiny_vlm\", \"seed\": 3}");
        registry = AdapterRegistry.withoutDiscovery().register(new TinyAdapter());
        inputManager = LensRuntime.newManager();
    }

    @AfterEach
    void tearDown() {
        inputManager.close();
    }

    @Test
    void listModulesNeedsOnlyConfig() throws IOException {
        ModuleTree tree = Lens.listModules(folder, registry);

        assertEquals(TinyVlm.moduleInfos().stream().map(ModuleInfo::name).toList(), tree.names());
        try (var files = Files.list(folder)) {
            assertEquals(List.of(folder.resolve("config.json")), files.toList());
        }
    }

    @Test
    void loaderUsesConfigSeed() {
        try (LensModel model = load()) {
            assertTrue(model.modelId().endsWith("seed 3"), model.modelId());
            assertEquals("tiny", model.familyId());
            assertEquals(folder, model.folder().orElseThrow());
        }
    }

    @Test
    void loadOptionsOverrideWeights() {
        try (LensModel model = Lens.loader().setFolder(folder).optRegistry(registry)
                .optLoadOptions(new LoadOptions(9L)).build()) {
            assertTrue(model.modelId().endsWith("seed 9"), model.modelId());
        }
    }

    @Test
    void unknownAdapterIdListsKnownIds() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Lens.loader().setFolder(folder).optRegistry(registry).optAdapter("qwen9").build());

        assertTrue(error.getMessage().contains("'qwen9'"), error.getMessage());
        assertTrue(error.getMessage().contains(TinyAdapter.ID), error.getMessage());
    }

    @Test
    void standardRegistryRejectsUnknownModelType() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Lens.open(folder));

        assertTrue(error.getMessage().contains("no model adapter accepts model_type 'tiny_vlm'"), error.getMessage());
    }

    @Test
    void loaderWithoutFolderIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Lens.loader().optRegistry(registry).build());

        assertTrue(error.getMessage().contains("setFolder"), error.getMessage());
    }

    @Test
    void folderWithoutConfigIsReported(@TempDir Path empty) {
        UncheckedIOException error = assertThrows(UncheckedIOException.class,
                () -> Lens.loader().setFolder(empty).optRegistry(registry).build());

        assertTrue(error.getMessage().contains("config.json"), error.getMessage());
    }

    @Test
    void imagesAndPromptRunThroughProcessor() {
        try (LensModel model = load()) {
            CaptureResult result = model.capture("vision.norm", "layers.*")
                    .pooling(Pooling.MEAN, TokenSubset.TEXT)
                    .pooling("vision.**", Pooling.MEAN, TokenSubset.ALL)
                    .run(List.of(image(2, 2), image(3, 1)), "abc");

            assertArrayEquals(new long[] {2, TinyVlm.HIDDEN}, result.get("vision.norm").shape());
            assertArrayEquals(new int[][] {{0, 4}, {4, 7}}, result.capture("vision.norm").imageRanges());
            assertArrayEquals(new long[] {1, TinyVlm.HIDDEN}, result.get("layers.1").shape());
            assertEquals(PoolingSpec.of(Pooling.MEAN, TokenSubset.TEXT), result.capture("layers.0").pooling());
        }
    }

    @Test
    void poolingMapOverridesPerPattern() {
        Map<String, PoolingSpec> overrides = new LinkedHashMap<>();
        overrides.put("layers.*", PoolingSpec.of(Pooling.LAST));
        overrides.put("vision.**", PoolingSpec.of(Pooling.MAX));
        try (LensModel model = load()) {
            CaptureResult result = model.capture("vision.norm", "layers.0", "embed")
                    .pooling(overrides)
                    .run(TinyVlm.sampleInputs(inputManager));

            assertEquals(PoolingSpec.of(Pooling.MAX), result.capture("vision.norm").pooling());
            assertEquals(PoolingSpec.of(Pooling.LAST), result.capture("layers.0").pooling());
            assertEquals(PoolingSpec.NONE, result.capture("embed").pooling());
        }
    }

    @Test
    void batchCountsMustAgree() {
        try (LensModel model = load()) {
            CaptureBuilder builder = model.capture("layers.0");

            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> builder.runBatch(List.of(List.of()), List.of("a", "b")));

            assertTrue(error.getMessage().contains("1 image lists for 2 prompts"), error.getMessage());
        }
    }

    @Test
    void inputsCapturesFirstArgument() {
        try (LensModel model = load()) {
            CaptureResult result = model.capture("norm").inputs().run(TinyVlm.sampleInputs(inputManager));

            assertEquals(CaptureTarget.INPUT, result.capture("norm", 1).target());
        }
    }

    @Test
    void wrappedModelWithoutProcessorRunsOnlyInputs() {
        try (LensModel model = Lens.wrap(new TinyVlm(1))) {
            CaptureResult result = model.capture("embed").run(TinyVlm.sampleInputs(inputManager));
            assertEquals(List.of("embed"), List.copyOf(result.modules()));

            UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class,
                    () -> model.capture("embed").run(List.of(), "text"));
            assertTrue(error.getMessage().contains("run(ModelInputs)"), error.getMessage());
        }
    }

    @Test
    void closeClosesWrappedProcessor() {
        TinyProcessor processor = new TinyProcessor();
        LensModel model = Lens.wrap(new TinyVlm(1), processor);
        model.capture("embed").run(List.of(image(1, 1)), "hi");

        model.close();

        assertTrue(processor.isClosed());
        assertFalse(model.isOpen());
    }

    @Test
    void captureAfterCloseIsRejected() {
        LensModel model = load();
        model.close();

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> model.capture("embed"));

        assertTrue(error.getMessage().contains("closed"), error.getMessage());
    }

    @Test
    void resultRecordsModelAndLibrary() {
        try (LensModel model = load()) {
            CaptureResult result = model.capture("embed").run(TinyVlm.sampleInputs(inputManager));

            assertEquals(model.modelId(), result.modelId());
            assertEquals("tiny", result.familyId());
            assertFalse(result.libraryVersion().isBlank());
        }
    }

    private LensModel load() {
        return Lens.loader().setFolder(folder).optRegistry(registry).build();
    }

    private static BufferedImage image(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 40) << 16 | (y * 60) << 8 | 128);
            }
        }
        return image;
    }
}
