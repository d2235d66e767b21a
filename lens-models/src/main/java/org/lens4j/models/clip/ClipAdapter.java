package org.lens4j.models.clip;

import java.nio.file.Path;
import java.util.List;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.checkpoint.Checkpoint;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.core.module.ModuleTrees;
import org.lens4j.models.InputProcessor;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.ModelAdapter;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.clip.internal.ClipModel;
import org.lens4j.models.vit.internal.AdapterSupport;
import org.lens4j.models.vit.internal.ModelLoading;

/**
 * The CLIP family ({@code CLIPModel}, for example {@code openai/clip-vit-base-patch32}): a vision
 * and a text tower with their projections. Module names are stable across transformers versions,
 * so there is no layout alias.
 *
 * <p>{@code forward} takes {@code input_ids [b, t]}, an optional {@code attention_mask} and
 * {@code pixel_values [b, 3, S, S]}, one image per text. {@code post_layernorm},
 * {@code visual_projection} and {@code text_projection} see the pooled {@code [b, hidden]} features;
 * the root module reports the image–text logits {@code [images, texts]}.
 */
public final class ClipAdapter implements ModelAdapter {

    /** The family id. */
    public static final String ID = ClipModel.FAMILY;

    /** Creates the adapter; no I/O happens until a method is called. */
    public ClipAdapter() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean accepts(ModelConfig config) {
        return AdapterSupport.declares(config, "clip", "CLIPModel");
    }

    @Override
    public ModuleTree listModules(ModelConfig config) {
        return ModuleTrees.of(ClipModel.list(ClipConfig.from(config)).modules(), List.of());
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
        ClipConfig clipConfig = ClipConfig.from(config);
        ModuleTree modules = listModules(config);
        return ModelLoading.build(checkpoint, options, List.of(),
                loaded -> ClipModel.load(modelId, modules, loaded.manager(), loaded.weights(), clipConfig));
    }

    /** Opens a {@link ClipProcessor} on {@code tokenizer.json} and the image settings in {@code folder}. */
    @Override
    public InputProcessor processor(Path folder) {
        return ClipProcessor.open(folder);
    }
}
