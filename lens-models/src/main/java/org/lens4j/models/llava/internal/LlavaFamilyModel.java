package org.lens4j.models.llava.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.models.blocks.internal.ManagedModel;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.llama.LlamaForCausalLM;
import org.lens4j.models.llava.LlavaConfig;
import org.lens4j.models.vit.ClipVisionTransformer;
import org.lens4j.models.vit.internal.InputReader;

/**
 * The forward pass LLaVA and LLaVA-NeXT share: embed the tokens, encode the images (family
 * specific), replace the image tokens by the image features in order, run the language model.
 *
 * <pre>
 * b batch   s sequence   n tower images (or tiles)   T features per image   V vision hidden   D text hidden
 * </pre>
 */
public abstract class LlavaFamilyModel extends ManagedModel {

    /** Optional input: positions {@code [b, s]}; without it every row uses {@code 0 … s−1}. */
    public static final String POSITION_IDS = "position_ids";

    private final LlavaConfig config;
    private final ClipVisionTransformer visionModel;
    private final LlavaProjector projector;
    private final LlamaForCausalLM languageModel;

    /** Loads the parts shared by the family from {@code weights}; takes ownership of {@code manager}. */
    protected LlavaFamilyModel(String familyId, String modelId, ModuleTree modules, NDManager manager,
            WeightLoader weights, LlavaConfig config) {
        super(familyId, modelId, modules, manager);
        this.config = config;
        this.visionModel = ClipVisionTransformer.load(weights, LlavaLayout.VISION_MODEL, config.vision());
        this.projector = LlavaProjector.load(weights, LlavaLayout.PROJECTOR, config);
        this.languageModel = LlamaForCausalLM.load(weights, LlavaLayout.LANGUAGE_MODEL, config.text());
    }

    /** Returns the configuration. */
    protected final LlavaConfig config() {
        return config;
    }

    /**
     * Encodes the images of {@code inputs} into projected features, in the order their image tokens
     * appear in {@code input_ids}.
     *
     * @param scope owns the results; the pixel inputs are already attached to it
     */
    protected abstract ImageFeatures encodeImages(ModelInputs inputs, NDManager scope, ForwardHooks hooks);

    /**
     * Runs the vision tower on {@code pixels [n, C, S, S]} (reported as {@code vision_tower}), selects
     * the configured hidden states and projects them.
     *
     * @return {@code [n, T, D]} in {@code scope}
     */
    protected final NDArray towerFeatures(NDArray pixels, NDManager scope, ForwardHooks hooks) {
        hooks.onInput(LlavaLayout.VISION_TOWER, pixels);
        int[] layers = config.featureLayerIndices();
        Set<Integer> keep = new TreeSet<>();
        for (int layer : layers) {
            keep.add(layer);
        }
        ClipVisionTransformer.Output out = visionModel.forward(pixels, scope, hooks, keep);
        hooks.onOutput(LlavaLayout.VISION_TOWER, out.lastHiddenState());

        NDList selected = new NDList();
        for (int layer : layers) {
            selected.add(out.hiddenStates().get(layer)); // [n, P + 1, V]
        }
        NDArray features = selected.size() == 1 ? selected.get(0) : NDArrays.concat(selected, -1);
        if (config.dropsClassToken()) {
            features = features.get(new NDIndex(":, 1:, :")); // [n, P, V·layers]
        }
        return projector.forward(features, hooks); // [n, T, D]
    }

    @Override
    public final SequenceInfo forward(ModelInputs inputs, ForwardHooks hooks) {
        ensureOpen();
        long[][] ids = InputReader.tokenIds(inputs, config.text().vocabSize());
        long[][] mask = InputReader.attentionMask(inputs, ids);
        long[][] positions = positionIds(inputs, ids);
        int imageTokens = ImageTokens.count(ids, config.imageTokenIndex());

        try (NDManager scope = newForwardScope()) {
            for (String name : inputs.names()) {
                inputs.require(name).tempAttach(scope);
            }
            hooks.onInput("", inputs.require(ModelInputs.INPUT_IDS));
            NDArray embeds = languageModel.embed(ids, scope, hooks); // [b, s, D]
            int[] tokensPerImage = new int[0];
            if (inputs.find(ModelInputs.PIXEL_VALUES).isPresent()) {
                ImageFeatures features = encodeImages(inputs, scope, hooks);
                ImageTokens.checkCount(imageTokens, features.totalTokens(), features.tokensPerImage().length);
                embeds = ImageTokens.merge(embeds, ids, config.imageTokenIndex(), features.rows()); // [b, s, D]
                tokensPerImage = features.tokensPerImage();
            } else if (imageTokens > 0) {
                throw new IllegalArgumentException("input_ids hold " + imageTokens + " image tokens (id "
                        + config.imageTokenIndex() + ") but no pixel_values were given");
            }
            LlamaForCausalLM.Output out = languageModel.forward(embeds, mask, positions, scope, hooks);
            hooks.onOutput("", out.logits());
            return ImageTokens.sequenceInfo(ids, mask, tokensPerImage, config);
        }
    }

    private static long[][] positionIds(ModelInputs inputs, long[][] ids) {
        Optional<NDArray> given = inputs.find(POSITION_IDS);
        if (given.isEmpty()) {
            return null;
        }
        long[][] positions = InputReader.matrix(given.get(), POSITION_IDS);
        if (positions[0].length != ids[0].length || (positions.length != 1 && positions.length != ids.length)) {
            throw new IllegalArgumentException("position_ids has shape [" + positions.length + ", "
                    + positions[0].length + "] but input_ids has [" + ids.length + ", " + ids[0].length + "]");
        }
        return positions;
    }
}
