package org.lens4j.models.llavanext;

import java.nio.file.Path;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.checkpoint.Checkpoint;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.module.ModuleTrees;
import org.lens4j.models.InputProcessor;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.ModelAdapter;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.llava.internal.LlavaLayout;
import org.lens4j.models.llavanext.internal.LlavaNextModel;
import org.lens4j.models.vit.internal.AdapterSupport;
import org.lens4j.models.vit.internal.ModelLoading;

/**
 * The LLaVA-NeXT family ({@code LlavaNextForConditionalGeneration}, for example
 * {@code llava-hf/llava-v1.6-mistral-7b-hf}): LLaVA's tower, projector and decoder with AnyRes
 * tiling, unpadding and an {@code image_newline} vector after every feature row.
 *
 * <p>Module names and layout aliases are LLaVA's. {@code forward} takes {@code input_ids} with
 * every {@code <image>} expanded to its packed feature count, an optional {@code attention_mask},
 * {@code pixel_values [images, tiles, 3, S, S]} (base tile first, padded tiles ignored),
 * {@code image_sizes [images, 2]} as (height, width), and an optional {@code position_ids}. Vision
 * modules report one row per tile of the whole batch.
 */
public final class LlavaNextAdapter implements ModelAdapter {

    /** The family id. */
    public static final String ID = LlavaNextModel.FAMILY;

    /** Creates the adapter; no I/O happens until a method is called. */
    public LlavaNextAdapter() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean accepts(ModelConfig config) {
        return AdapterSupport.declares(config, "llava_next", "LlavaNextForConditionalGeneration");
    }

    @Override
    public ModuleTree listModules(ModelConfig config) {
        LlavaNextConfig next = LlavaNextConfig.from(config);
        return ModuleTrees.of(LlavaLayout.list(next.llava(), "LlavaNextForConditionalGeneration",
                "LlavaNextMultiModalProjector").modules(), LlavaLayout.ALIASES);
    }

    @Override
    public HookedModel load(Path folder, LoadOptions options) {
        return ModelLoading.loadFolder(folder, options, this::load);
    }

    /**
     * Loads a model from an open checkpoint; the weights are copied, so the checkpoint may be closed
     * afterwards.
     *
     * @param checkpoint the weights, or {@code null} when {@code options} ask for random weights
     * @param modelId the description {@link HookedModel#modelId()} returns
     * @throws IllegalArgumentException when the checkpoint does not match the configuration
     */
    public HookedModel load(ModelConfig config, Checkpoint checkpoint, LoadOptions options, String modelId) {
        LlavaNextConfig next = LlavaNextConfig.from(config);
        ModuleTree modules = listModules(config);
        return ModelLoading.build(checkpoint, options, LlavaLayout.WEIGHT_ALIASES,
                loaded -> LlavaNextModel.load(modelId, modules, loaded.manager(), loaded.weights(), next));
    }

    /** Opens a {@link LlavaNextProcessor} with the decoder's prompt template on the files in {@code folder}. */
    @Override
    public InputProcessor processor(Path folder) {
        return LlavaNextProcessor.open(folder);
    }
}
