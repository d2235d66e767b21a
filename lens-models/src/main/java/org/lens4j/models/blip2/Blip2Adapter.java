package org.lens4j.models.blip2;

import java.nio.file.Path;
import java.util.Objects;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.checkpoint.SafetensorsCheckpoint;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.models.InputProcessor;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.ModelAdapter;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.blip2.internal.Blip2Config;
import org.lens4j.models.blip2.internal.Blip2Model;
import org.lens4j.models.blip2.internal.Blip2Modules;
import org.lens4j.models.blocks.CheckpointWeights;
import org.lens4j.models.blocks.RandomWeights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter of BLIP-2 with an OPT language model ({@code Blip2ForConditionalGeneration},
 * {@code model_type} {@code blip-2}, id {@code blip2}), for example Salesforce/blip2-opt-2.7b.
 *
 * <p>Module names are those of transformers 4.47: {@code vision_model.encoder.layers.38.mlp},
 * {@code qformer.encoder.layer.11.output_query}, {@code language_projection},
 * {@code language_model.model.decoder.layers.31.fc2}. Later versions spell them the same way, so
 * the tree has no layout aliases. {@code vision_model.post_layernorm} runs twice per forward pass:
 * call 0 on every vision token, call 1 on the class token only.
 *
 * @implNote Flan-T5 language models (blip2-flan-t5-*) are not supported: {@link #load} and
 *     {@link #listModules} reject them naming the model type. There is no input processor yet.
 */
public final class Blip2Adapter implements ModelAdapter {

    /** The adapter id. */
    public static final String ID = Blip2Model.FAMILY;

    private static final Logger LOG = LoggerFactory.getLogger(Blip2Adapter.class);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean accepts(ModelConfig config) {
        Objects.requireNonNull(config, "config");
        return config.modelType().map(Blip2Config.MODEL_TYPE::equals).orElse(false);
    }

    @Override
    public ModuleTree listModules(ModelConfig config) {
        return Blip2Modules.list(Blip2Config.from(config));
    }

    @Override
    public HookedModel load(Path folder, LoadOptions options) {
        Objects.requireNonNull(options, "options");
        Blip2Config config = Blip2Config.from(ModelConfig.read(folder));
        if (options.randomWeightsSeed() != null) {
            return new Blip2Model(config, RandomWeights.withSeed(options.randomWeightsSeed()),
                    LensRuntime.newManager());
        }
        long started = System.nanoTime();
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder)) {
            CheckpointWeights weights = new CheckpointWeights(checkpoint, Blip2Modules.ALIASES,
                    String.valueOf(folder.getFileName()));
            Blip2Model model = new Blip2Model(config, weights, LensRuntime.newManager());
            if (!weights.unreadNames().isEmpty()) {
                LOG.warn("{} tensors of {} are not used by the model, for example {}", weights.unreadNames().size(),
                        folder, weights.unreadNames().stream().limit(5).toList());
            }
            LOG.debug("Loaded BLIP-2 model from {} in {} ms", folder, (System.nanoTime() - started) / 1_000_000);
            return model;
        }
    }

    /**
     * Not available yet.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public InputProcessor processor(Path folder) {
        throw new UnsupportedOperationException("the blip2 adapter has no input processor yet (model "
                + folder + "); build input_ids, attention_mask and pixel_values (BlipImageProcessor) yourself"
                + " and run them with CaptureBuilder.run(ModelInputs)");
    }
}
