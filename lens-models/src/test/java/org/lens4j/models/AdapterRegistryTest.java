package org.lens4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.models.testing.TinyAdapter;

class AdapterRegistryTest {

    private static final String SERVICES = "META-INF/services/" + ModelAdapter.class.getName();

    @Test
    void registeredAdapterIsFoundById() {
        AdapterRegistry registry = AdapterRegistry.withoutDiscovery().register(new TinyAdapter());

        assertInstanceOf(TinyAdapter.class, registry.require(TinyAdapter.ID));
        assertEquals(List.of(TinyAdapter.ID), registry.ids());
    }

    @Test
    void duplicateIdNamesBothClasses() {
        AdapterRegistry registry = AdapterRegistry.withoutDiscovery().register(new TinyAdapter());

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> registry.register(new ImpostorAdapter()));

        assertTrue(error.getMessage().contains("'" + TinyAdapter.ID + "'"), error.getMessage());
        assertTrue(error.getMessage().contains(TinyAdapter.class.getName()), error.getMessage());
        assertTrue(error.getMessage().contains(ImpostorAdapter.class.getName()), error.getMessage());
    }

    @Test
    void configIsMatchedByModelType() {
        AdapterRegistry registry = AdapterRegistry.withoutDiscovery().register(new TinyAdapter());

        ModelAdapter adapter = registry.forConfig(ModelConfig.parse("{\"model_type\": \"tiny_vlm\"}", "test"));

        assertEquals(TinyAdapter.ID, adapter.id());
    }

    @Test
    void unsupportedConfigListsSupportedTypes() {
        AdapterRegistry registry = AdapterRegistry.withoutDiscovery().register(new TinyAdapter());
        ModelConfig config = ModelConfig.parse(
                "{\"model_type\": \"mllama\", \"architectures\": [\"MllamaForConditionalGeneration\"]}", "test");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> registry.forConfig(config));

        assertTrue(error.getMessage().contains("'mllama'"), error.getMessage());
        assertTrue(error.getMessage().contains("MllamaForConditionalGeneration"), error.getMessage());
        assertTrue(error.getMessage().contains("[" + TinyAdapter.ID + "]"), error.getMessage());
    }

    @Test
    void twoAcceptingAdaptersAreRejected() {
        AdapterRegistry registry = AdapterRegistry.withoutDiscovery()
                .register(new TinyAdapter())
                .register(new GreedyAdapter());

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> registry.forConfig(ModelConfig.parse("{\"model_type\": \"tiny_vlm\"}", "test")));

        assertTrue(error.getMessage().contains("several model adapters"), error.getMessage());
        assertTrue(error.getMessage().contains(GreedyAdapter.class.getName()), error.getMessage());
    }

    @Test
    void discoveryReadsServiceFiles(@TempDir Path root) throws IOException {
        try (URLClassLoader loader = loaderListing(root, TinyAdapter.class.getName())) {
            AdapterRegistry registry = AdapterRegistry.withDiscovery(loader);

            assertTrue(registry.discoveryEnabled());
            assertTrue(registry.find(TinyAdapter.ID).isPresent(), registry.ids().toString());
        }
    }

    @Test
    void discoveredDuplicateIdNamesBothClasses(@TempDir Path root) throws IOException {
        try (URLClassLoader loader = loaderListing(root, TinyAdapter.class.getName() + "\n"
                + ImpostorAdapter.class.getName())) {
            AdapterRegistry registry = AdapterRegistry.withDiscovery(loader);

            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, registry::ids);

            assertTrue(error.getMessage().contains(ImpostorAdapter.class.getName()), error.getMessage());
        }
    }

    @Test
    void registrationClashesWithDiscoveredAdapter(@TempDir Path root) throws IOException {
        try (URLClassLoader loader = loaderListing(root, TinyAdapter.class.getName())) {
            AdapterRegistry registry = AdapterRegistry.withDiscovery(loader);

            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> registry.register(new ImpostorAdapter()));

            assertTrue(error.getMessage().contains("duplicate model adapter id"), error.getMessage());
        }
    }

    @Test
    void brokenServiceFileIsReported(@TempDir Path root) throws IOException {
        try (URLClassLoader loader = loaderListing(root, "org.lens4j.models.NoSuchAdapter")) {
            AdapterRegistry registry = AdapterRegistry.withDiscovery(loader);

            IllegalStateException error = assertThrows(IllegalStateException.class, registry::ids);

            assertTrue(error.getMessage().contains("NoSuchAdapter"), error.getMessage());
        }
    }

    @Test
    void registryWithoutDiscoveryIgnoresServiceFiles() {
        AdapterRegistry registry = AdapterRegistry.withoutDiscovery();

        assertFalse(registry.discoveryEnabled());
        assertTrue(registry.adapters().isEmpty());
    }

    /** Returns a class loader over the test classes plus a service file listing {@code classNames}. */
    private static URLClassLoader loaderListing(Path root, String classNames) throws IOException {
        Path services = root.resolve(SERVICES);
        Files.createDirectories(services.getParent());
        Files.writeString(services, classNames + "\n");
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, AdapterRegistryTest.class.getClassLoader());
    }

    /** An adapter that claims TinyAdapter's id. */
    public static final class ImpostorAdapter implements ModelAdapter {
        @Override
        public String id() {
            return TinyAdapter.ID;
        }

        @Override
        public boolean accepts(ModelConfig config) {
            return false;
        }

        @Override
        public ModuleTree listModules(ModelConfig config) {
            throw new UnsupportedOperationException("listModules");
        }

        @Override
        public HookedModel load(Path folder, LoadOptions options) {
            throw new UnsupportedOperationException("load");
        }

        @Override
        public InputProcessor processor(Path folder) {
            throw new UnsupportedOperationException("processor");
        }
    }

    /** An adapter that accepts every configuration. */
    public static final class GreedyAdapter implements ModelAdapter {
        @Override
        public String id() {
            return "greedy";
        }

        @Override
        public boolean accepts(ModelConfig config) {
            return true;
        }

        @Override
        public ModuleTree listModules(ModelConfig config) {
            throw new UnsupportedOperationException("listModules");
        }

        @Override
        public HookedModel load(Path folder, LoadOptions options) {
            throw new UnsupportedOperationException("load");
        }

        @Override
        public InputProcessor processor(Path folder) {
            throw new UnsupportedOperationException("processor");
        }
    }
}
