package org.lens4j.models;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.module.ModuleTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point: open a model folder, list its modules, or wrap a model built in code.
 *
 * <p>In a notebook (for example with the Java kernel or jshell):
 * <pre>{@code
 * ModuleTree tree = Lens.listModules(Path.of("Qwen2-VL-2B-Instruct"));   // config.json only
 * tree.select(List.of("model.layers.1*"));                              // layers 1 and 10-19
 *
 * try (LensModel model = Lens.open(Path.of("Qwen2-VL-2B-Instruct"))) {
 *     CaptureResult r = model.capture("visual.blocks.31.norm2", "model.layers.*.post_attention_layernorm")
 *             .pooling(Pooling.MEAN, TokenSubset.IMAGE)
 *             .pooling("visual.**", Pooling.MEAN, TokenSubset.ALL)
 *             .run(images, prompt);
 *     INDArray x = r.get("visual.blocks.31.norm2");                      // [images, 1280]
 * }
 * }</pre>
 */
public final class Lens {

    private static final Logger LOG = LoggerFactory.getLogger(Lens.class);

    private Lens() {
    }

    /**
     * Loads the model in {@code folder} with the adapter that accepts its {@code config.json}.
     *
     * @throws IllegalArgumentException when no adapter accepts the configuration, or the weights do
     *     not fit it
     */
    public static LensModel open(Path folder) {
        return loader().setFolder(folder).build();
    }

    /** Loads the model in {@code folder} with the given options, for example random weights. */
    public static LensModel open(Path folder, LoadOptions options) {
        return loader().setFolder(folder).optLoadOptions(options).build();
    }

    /** Returns a loader for the options that {@link #open(Path)} takes as defaults. */
    public static Loader loader() {
        return new Loader();
    }

    /**
     * Lists the modules of the model in {@code folder} from its {@code config.json} alone, without
     * reading weights.
     */
    public static ModuleTree listModules(Path folder) {
        return listModules(folder, AdapterRegistry.standard());
    }

    /** Lists the modules of the model in {@code folder} using the adapters of {@code registry}. */
    public static ModuleTree listModules(Path folder, AdapterRegistry registry) {
        ModelConfig config = ModelConfig.read(folder);
        return registry.forConfig(config).listModules(config);
    }

    /**
     * Wraps a model built in code (for example a network with random weights). The returned object
     * owns the model and closes it; it runs pre-built inputs only.
     */
    public static LensModel wrap(HookedModel model) {
        return new LensModel(model, null, null, null);
    }

    /** Wraps a model built in code together with the processor that builds its inputs; owns both. */
    public static LensModel wrap(HookedModel model, InputProcessor processor) {
        return new LensModel(model, null, null, Objects.requireNonNull(processor, "processor"));
    }

    /**
     * Loads a model with options: {@code set…} for the required folder, {@code opt…} for the rest.
     *
     * <pre>{@code
     * LensModel control = Lens.loader()
     *         .setFolder(Path.of("Qwen2-VL-2B-Instruct"))
     *         .optLoadOptions(new LoadOptions(7L))      // same architecture, random weights
     *         .build();
     * }</pre>
     */
    public static final class Loader {
        private Path folder;
        private AdapterRegistry registry = AdapterRegistry.standard();
        private LoadOptions options = LoadOptions.defaults();
        private String adapterId;

        private Loader() {
        }

        /** Sets the model folder (config.json and safetensors weights); required. */
        public Loader setFolder(Path folder) {
            this.folder = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /** Sets the registry to find the adapter in; {@link AdapterRegistry#standard()} by default. */
        public Loader optRegistry(AdapterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Sets the load options; {@link LoadOptions#defaults()} by default. */
        public Loader optLoadOptions(LoadOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Uses the adapter with this id instead of the one that accepts the configuration. */
        public Loader optAdapter(String id) {
            this.adapterId = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * Loads the model.
         *
         * @throws IllegalArgumentException when the folder is not set or not a directory, or when no
         *     adapter fits
         */
        public LensModel build() {
            if (folder == null) {
                throw new IllegalArgumentException("no model folder set; call setFolder(Path) with a folder"
                        + " that holds config.json and the safetensors weights");
            }
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("model folder " + folder + " is not a directory");
            }

            ModelAdapter adapter = adapterId != null
                    ? registry.require(adapterId)
                    : registry.forConfig(ModelConfig.read(folder));
            long start = System.nanoTime();
            HookedModel model = adapter.load(folder, options);
            LOG.info("loaded {} with the {} adapter in {} ms", model.modelId(), adapter.id(),
                    (System.nanoTime() - start) / 1_000_000);
            return new LensModel(model, adapter, folder, null);
        }
    }
}
