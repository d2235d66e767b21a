package org.lens4j.models.ayavision.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.models.ayavision.AyaVisionConfig;
import org.lens4j.models.blocks.internal.ManagedModel;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.siglip.SiglipVisionTransformer;
import org.lens4j.models.siglip.internal.ImageTokenMerge;
import org.lens4j.models.siglip.internal.TokenInputs;
import org.lens4j.models.vit.internal.InputReader;

/**
 * {@code AyaVisionForConditionalGeneration}: each image (or tile) of {@code pixel_values [n, C, S, S]}
 * gives {@code (S / patch / factor)²} image tokens, which replace the image-token positions in order.
 * The features come from a hidden state of the SigLIP tower before its {@code post_layernorm}; the
 * whole tower, head included, still runs.
 *
 * <pre>
 * b batch   s sequence   n images   P patches   V vision hidden   D text hidden
 * </pre>
 */
public final class AyaVisionModel extends ManagedModel {

    /** The family id. */
    public static final String FAMILY = "aya_vision";

    /** Optional input: positions {@code [b, s]}; without it every row uses {@code 0 … s−1}. */
    public static final String POSITION_IDS = "position_ids";

    private final AyaVisionConfig config;
    private final SiglipVisionTransformer vision;
    private final AyaVisionProjector projector;
    private final Cohere2ForCausalLM languageModel;

    private AyaVisionModel(String modelId, ModuleTree modules, WeightLoader parameters, AyaVisionConfig config) {
        super(FAMILY, modelId, modules, parameters.manager());
        this.config = config;
        this.vision = SiglipVisionTransformer.load(parameters, AyaVisionLayout.VISION_MODEL, config.vision());
        this.projector = AyaVisionProjector.load(parameters, AyaVisionLayout.PROJECTOR, config);
        this.languageModel = Cohere2ForCausalLM.load(parameters, AyaVisionLayout.LANGUAGE_MODEL, config.text());
    }

    /** Builds the model, taking ownership of the parameters' manager even when loading fails. */
    public static AyaVisionModel load(String modelId, ModuleTree modules, WeightLoader parameters,
            AyaVisionConfig config) {
        try {
            return new AyaVisionModel(modelId, modules, parameters, config);
        } catch (RuntimeException e) {
            parameters.manager().close();
            throw e;
        }
    }

    @Override
    public SequenceInfo forward(ModelInputs inputs, ForwardHooks hooks) {
        ensureOpen();
        long[][] ids = TokenInputs.inputIds(inputs, config.text().vocabSize());
        long[][] mask = TokenInputs.attentionMask(inputs, ids);
        long[][] positions = positionIds(inputs, ids);
        int[] imageTokens = TokenInputs.countPerRow(ids, config.imageTokenId());
        Optional<NDArray> pixels = inputs.find(ModelInputs.PIXEL_VALUES);
        if (pixels.isEmpty() && sum(imageTokens) > 0) {
            throw new IllegalArgumentException("input_ids contain " + sum(imageTokens) + " image tokens (id "
                    + config.imageTokenId() + ") but no pixel_values were given");
        }

        try (NDManager scope = newForwardScope()) {
            hooks.onInput("", inputs.require(ModelInputs.INPUT_IDS));
            NDArray embeds = languageModel.embed(ids, scope, hooks); // [b, s, D]
            if (pixels.isPresent()) {
                NDArray features = imageFeatures(TokenInputs.pixelValues(pixels.get(), scope,
                        config.vision().numChannels()), hooks); // [n, g/f, g/f, D]
                embeds = ImageTokenMerge.merge(embeds, ids, config.imageTokenId(),
                        features.reshape(-1, config.text().hiddenSize()));
            }
            NDArray logits = languageModel.forward(embeds, mask, positions, scope, hooks); // [b, s, V]
            hooks.onOutput("", logits);
        }
        return TokenInputs.sequenceInfo(ids, mask, config.imageTokenId(), specialIds(), imagesPerItem(imageTokens),
                SequenceInfo.ImageRows.NONE);
    }

    /** Runs the tower, keeps the configured hidden state and projects it. */
    private NDArray imageFeatures(NDArray pixels, ForwardHooks hooks) {
        HiddenStateTap tap = new HiddenStateTap(hooks, hiddenStateModule(config.featureLayerIndex()));
        hooks.onInput(AyaVisionLayout.VISION_TOWER, pixels);
        NDArray last = vision.forward(pixels, tap).lastHiddenState(); // [n, P, V]
        hooks.onOutput(AyaVisionLayout.VISION_TOWER, last);
        return projector.forward(tap.tapped(), hooks); // [n, g/f, g/f, D]
    }

    /** Returns the module whose output is hidden state {@code index}: the embeddings, or a layer. */
    private static String hiddenStateModule(int index) {
        return index == 0
                ? AyaVisionLayout.VISION_MODEL + ".embeddings"
                : AyaVisionLayout.VISION_MODEL + ".encoder.layers." + (index - 1);
    }

    private int[] imagesPerItem(int[] imageTokens) {
        int perImage = config.tokensPerImage();
        int[] images = new int[imageTokens.length];
        for (int b = 0; b < imageTokens.length; b++) {
            if (imageTokens[b] % perImage != 0) {
                throw new IllegalArgumentException("row " + b + " of input_ids contains " + imageTokens[b]
                        + " image tokens, not a multiple of the " + perImage + " tokens each image gives");
            }
            images[b] = imageTokens[b] / perImage;
        }
        return images;
    }

    private Set<Long> specialIds() {
        Set<Long> ids = new HashSet<>();
        for (long id : new long[] {config.text().bosTokenId(), config.text().eosTokenId(), config.text().padTokenId()}) {
            if (id >= 0) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static long[][] positionIds(ModelInputs inputs, long[][] ids) {
        Optional<NDArray> provided = inputs.find(POSITION_IDS);
        if (provided.isEmpty()) {
            return null;
        }
        long[][] positions = InputReader.matrix(provided.get(), POSITION_IDS);
        if (positions[0].length != ids[0].length || (positions.length != 1 && positions.length != ids.length)) {
            throw new IllegalArgumentException("position_ids has shape [" + positions.length + ", "
                    + positions[0].length + "] but input_ids has [" + ids.length + ", " + ids[0].length + "]");
        }
        return positions;
    }

    private static int sum(int[] values) {
        int total = 0;
        for (int value : values) {
            total += value;
        }
        return total;
    }
}
