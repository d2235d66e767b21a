package org.lens4j.models;

import java.nio.file.Path;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.module.ModuleTree;

/**
 * The service-provider interface of one model family.
 *
 * <p>Implementations are discovered with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/org.lens4j.models.ModelAdapter}) or registered explicitly. They must
 * have a public no-argument constructor and do no I/O until one of their methods is called.
 */
public interface ModelAdapter {

    /** Returns the stable family id, for example {@code "qwen2_vl"}; unique among adapters. */
    String id();

    /**
     * Returns whether this adapter handles the configuration, judged by {@code model_type} and
     * {@code architectures}.
     */
    boolean accepts(ModelConfig config);

    /**
     * Lists the modules of a model with this configuration, in {@code named_modules()} order,
     * without reading any weights.
     */
    ModuleTree listModules(ModelConfig config);

    /**
     * Loads the model in {@code folder} (config.json and safetensors weights).
     *
     * @throws IllegalArgumentException when the configuration or the weights do not fit this family
     */
    HookedModel load(Path folder, LoadOptions options);

    /**
     * Creates the family's input processor (image preprocessing, prompt template, tokenizer) for
     * the model in {@code folder}.
     *
     * @throws UnsupportedOperationException when the family has no processor yet, naming the family
     */
    InputProcessor processor(Path folder);
}
