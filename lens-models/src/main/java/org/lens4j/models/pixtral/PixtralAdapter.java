package org.lens4j.models.pixtral;

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
import org.lens4j.models.blocks.CheckpointWeights;
import org.lens4j.models.blocks.RandomWeights;
import org.lens4j.models.pixtral.internal.PixtralConfig;
import org.lens4j.models.pixtral.internal.PixtralModel;
import org.lens4j.models.pixtral.internal.PixtralModules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter of Pixtral (id {@code pixtral}) in both of its checkpoint layouts.
 *
 * <ul>
 *   <li>transformers ({@code config.json} with {@code model_type} {@code llava} and a
 *       {@code pixtral} {@code vision_config}, for example mistral-community/pixtral-12b): names of
 *       transformers 4.47–4.51 ({@code vision_tower.transformer.layers.23.feed_forward},
 *       {@code multi_modal_projector.linear_2}, {@code language_model.model.layers.39.mlp}); the
 *       ≥ 4.52 spelling ({@code model.vision_tower.…}, {@code model.language_model.…},
 *       {@code lm_head}) is a layout alias.</li>
 *   <li>mistral_inference ({@code params.json} with a {@code vision_encoder} section and
 *       {@code consolidated.safetensors}, for example mistralai/Pixtral-12B-2409): that code's
 *       names ({@code vision_encoder.transformer.layers.23.attention.wq},
 *       {@code vision_language_adapter.w_out}, {@code layers.39.feed_forward.w2}, {@code output}),
 *       with interleaved rotary pairs so the stored query and key weights are used as they are.</li>
 * </ul>
 *
 * @implNote The transformers layout has {@code model_type} {@code llava}, which the LLaVA adapter
 *     accepts as well, so {@code Lens.open} reports two adapters for it until the LLaVA adapter
 *     leaves configs with a {@code pixtral} {@code vision_config} to this one; meanwhile load with
 *     {@code Lens.loader().setFolder(folder).optAdapter("pixtral")}. There is no input processor yet: build {@code input_ids} with the {@code [IMG]},
 *     {@code [IMG_BREAK]} and {@code [IMG_END]} layout, {@code pixel_values} with
 *     {@link org.lens4j.core.image.PixtralImageProcessor} and {@code image_sizes} yourself.
 */
public final class PixtralAdapter implements ModelAdapter {

    /** The adapter id. */
    public static final String ID = PixtralModel.FAMILY;

    private static final Logger LOG = LoggerFactory.getLogger(PixtralAdapter.class);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean accepts(ModelConfig config) {
        Objects.requireNonNull(config, "config");
        return PixtralConfig.isHuggingFacePixtral(config) || PixtralConfig.isMistralParams(config);
    }

    @Override
    public ModuleTree listModules(ModelConfig config) {
        return PixtralModules.list(PixtralConfig.from(config));
    }

    @Override
    public HookedModel load(Path folder, LoadOptions options) {
        Objects.requireNonNull(options, "options");
        PixtralConfig config = PixtralConfig.from(ModelConfig.read(folder));
        if (options.randomWeightsSeed() != null) {
            return new PixtralModel(config, RandomWeights.withSeed(options.randomWeightsSeed()),
                    LensRuntime.newManager());
        }
        long started = System.nanoTime();
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder)) {
            CheckpointWeights weights = new CheckpointWeights(checkpoint, PixtralModules.aliases(config.layout()),
                    String.valueOf(folder.getFileName()));
            PixtralModel model = new PixtralModel(config, weights, LensRuntime.newManager());
            if (!weights.unreadNames().isEmpty()) {
                LOG.warn("{} tensors of {} are not used by the model, for example {}", weights.unreadNames().size(),
                        folder, weights.unreadNames().stream().limit(5).toList());
            }
            LOG.debug("Loaded Pixtral model ({} layout) from {} in {} ms", config.layout(), folder,
                    (System.nanoTime() - started) / 1_000_000);
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
        throw new UnsupportedOperationException("the pixtral adapter has no input processor yet (model " + folder
                + "); build input_ids, pixel_values (PixtralImageProcessor) and image_sizes yourself and run them"
                + " with CaptureBuilder.run(ModelInputs)");
    }
}
