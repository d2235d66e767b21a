package org.lens4j.models.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.Capture;
import org.lens4j.core.capture.CaptureResult;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.module.ModuleInfo;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.models.AdapterRegistry;
import org.lens4j.models.Lens;
import org.lens4j.models.LensModel;

/**
 * The behaviour every model family must show through the public API. A family's test extends this
 * class and supplies the model (a folder through {@link #modelFolder()}, or a factory by overriding
 * {@link #openModel()}), the inputs, the expected shapes and the manager that owns the weights.
 *
 * <pre>{@code
 * class Qwen2VlContractTest extends AdapterContractTest {
 *     protected Optional<Path> modelFolder() { return Optional.of(SharedData.golden("qwen2_vl-single")); }
 *     protected ModelInputs inputs(NDManager manager) { ... }
 *     protected Map<String, long[]> expectedShapes(ModelInputs inputs) { ... }
 *     protected NDManager weightsManager(HookedModel model) { return ((Qwen2VlModel) model).manager(); }
 * }
 * }</pre>
 */
public abstract class AdapterContractTest {

    private NDManager inputManager;

    @BeforeEach
    void openInputManager() {
        inputManager = LensRuntime.newManager();
    }

    @AfterEach
    void closeInputManager() {
        inputManager.close();
    }

    /** Returns the model folder, or empty when {@link #openModel()} is overridden. */
    protected Optional<Path> modelFolder() {
        return Optional.empty();
    }

    /** Returns the registry that contains the family's adapter; the standard registry by default. */
    protected AdapterRegistry registry() {
        return AdapterRegistry.standard();
    }

    /** Opens a new model; each test opens its own and closes it. Loads {@link #modelFolder()} by default. */
    protected LensModel openModel() {
        Path folder = modelFolder().orElseThrow(() -> new IllegalStateException(
                "override modelFolder() or openModel() in " + getClass().getSimpleName()));
        return Lens.loader().setFolder(folder).optRegistry(registry()).build();
    }

    /** Builds inputs for one forward pass in {@code manager}; they should include at least one image. */
    protected abstract ModelInputs inputs(NDManager manager);

    /**
     * Returns the unpooled output shape the configuration implies for some modules, given the inputs
     * of {@link #inputs}: for example {@code [1, seq, hidden_size]} for a decoder layer. At least one
     * entry is required.
     */
    protected abstract Map<String, long[]> expectedShapes(ModelInputs inputs);

    /** Returns the root manager that owns the model's weights, so the kit can check close releases it. */
    protected abstract NDManager weightsManager(HookedModel model);

    /** Returns the runnable modules that the inputs of {@link #inputs} do not reach; none by default. */
    protected Set<String> modulesNotCalled() {
        return Set.of();
    }

    @Test
    void everyRunnableModuleIsCaptured() {
        try (LensModel model = openModel()) {
            List<String> expected = runnableNames(model.modules());
            expected.removeAll(modulesNotCalled());

            CaptureResult result = model.capture("**").run(inputs(inputManager));

            assertEquals(expected, new ArrayList<>(result.modules()));
            assertEquals(Set.copyOf(modulesNotCalled()), Set.copyOf(result.notCalled()));
        }
    }

    @Test
    void capturedShapesFollowConfig() {
        try (LensModel model = openModel()) {
            ModelInputs inputs = inputs(inputManager);
            Map<String, long[]> expected = expectedShapes(inputs);
            assertFalse(expected.isEmpty(), "expectedShapes() must name at least one module");

            CaptureResult result = model.capture(new ArrayList<>(expected.keySet())).run(inputs);

            for (Map.Entry<String, long[]> entry : expected.entrySet()) {
                for (Capture capture : result.calls(entry.getKey())) {
                    assertArrayEquals(entry.getValue(), capture.shape(), capture.toString());
                    assertArrayEquals(entry.getValue(), capture.data().shape(), capture.toString());
                }
            }
        }
    }

    @Test
    void closeReleasesNativeMemory() {
        LensModel model = openModel();
        NDManager weights = weightsManager(model.hookedModel());
        model.capture("**").run(inputs(inputManager));
        assertTrue(weights.isOpen(), "the weights manager was closed before the model");

        model.close();

        assertFalse(weights.isOpen(), "closing the model left its weights manager open");
        assertFalse(model.isOpen());
    }

    @Test
    void forwardLeavesNoArraysBehind() {
        try (LensModel model = openModel()) {
            NDManager weights = weightsManager(model.hookedModel());
            ModelInputs inputs = inputs(inputManager);

            // The first pass may build lazy tables; every later pass must leave the count unchanged.
            model.capture("**").run(inputs);
            int afterFirst = weights.getManagedArrays().size();
            model.capture("**").run(inputs);

            assertEquals(afterFirst, weights.getManagedArrays().size(), "arrays owned by the model");
        }
    }

    @Test
    void useAfterCloseThrows() {
        LensModel model = openModel();
        HookedModel hooked = model.hookedModel();
        String anyModule = runnableNames(model.modules()).get(0);
        model.close();

        ModelInputs inputs = inputs(inputManager);
        assertThrows(IllegalStateException.class, () -> model.capture(anyModule).run(inputs));
        assertThrows(IllegalStateException.class, model::modules);
        assertThrows(IllegalStateException.class, () -> hooked.forward(inputs, ForwardHooks.NONE));
    }

    @Test
    void closeIsIdempotent() {
        LensModel model = openModel();

        model.close();
        model.close();

        assertFalse(model.isOpen());
    }

    @Test
    void sameInputTwiceGivesIdenticalCaptures() {
        try (LensModel model = openModel()) {
            ModelInputs inputs = inputs(inputManager);

            List<Capture> first = model.capture("**").run(inputs).captures();
            List<Capture> second = model.capture("**").run(inputs).captures();

            assertEquals(first.size(), second.size());
            for (int i = 0; i < first.size(); i++) {
                Capture a = first.get(i);
                Capture b = second.get(i);
                assertEquals(a.module() + "#" + a.callIndex(), b.module() + "#" + b.callIndex());
                assertEquals(a.data(), b.data(), a.toString());
            }
        }
    }

    @Test
    void misspelledModuleNamesClosestNames() {
        try (LensModel model = openModel()) {
            String name = runnableNames(model.modules()).get(0);

            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> model.capture(name + "x").run(inputs(inputManager)));

            assertTrue(error.getMessage().contains("closest names"), error.getMessage());
            assertTrue(error.getMessage().contains(name), error.getMessage());
        }
    }

    @Test
    void listedModulesMatchLoadedModel() {
        assumeTrue(modelFolder().isPresent(), "the model is built in code, so there is no config.json to list");
        try (LensModel model = openModel()) {
            ModuleTree listed = Lens.listModules(modelFolder().get(), registry());

            assertEquals(model.modules().names(), listed.names());
            for (String name : listed.names()) {
                assertEquals(model.modules().find(name), listed.find(name), name);
            }
        }
    }

    private static List<String> runnableNames(ModuleTree tree) {
        List<String> out = new ArrayList<>();
        for (String name : tree.names()) {
            Optional<ModuleInfo> info = tree.find(name);
            if (!name.isEmpty() && info.isPresent() && info.get().runs()) {
                out.add(name);
            }
        }
        return out;
    }
}
