package org.lens4j.models.paligemma.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Optional;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.internal.ManagedModel;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.gemma.DecoderConfig;
import org.lens4j.models.gemma.GemmaDecoder;
import org.lens4j.models.paligemma.PaliGemmaConfig;
import org.lens4j.models.siglip.SiglipVisionTransformer;
import org.lens4j.models.siglip.internal.AttentionCore;
import org.lens4j.models.siglip.internal.ImageTokenMerge;
import org.lens4j.models.siglip.internal.TokenInputs;

/**
 * The PaliGemma forward pass at inference (transformers 4.47): embed the tokens, encode and project
 * the images, scale the features by {@code 1/√text_hidden}, place them at the image tokens, then run
 * Gemma with bidirectional attention over every non-padding position and 1-based positions.
 *
 * <pre>
 * b batch   s sequence   n images   T tokens per image   V vision hidden   D text hidden
 * </pre>
 */
public final class PaliGemmaModel extends ManagedModel {

    /** The family id. */
    public static final String FAMILY = "paligemma";

    private final PaliGemmaConfig config;
    private final SiglipVisionTransformer vision;
    private final Linear projector;
    private final GemmaDecoder decoder;
    private final Linear lmHead;

    private PaliGemmaModel(String modelId, ModuleTree modules, WeightLoader parameters, PaliGemmaConfig config) {
        super(FAMILY, modelId, modules, parameters.manager());
        this.config = config;
        DecoderConfig text = config.text();
        this.vision = SiglipVisionTransformer.load(parameters, PaliGemmaLayout.VISION_MODEL, config.vision());
        this.projector = parameters.loadLinear(PaliGemmaLayout.PROJECTOR_LINEAR, config.vision().hiddenSize(),
                config.projectionDim(), true);
        this.decoder = GemmaDecoder.load(parameters, PaliGemmaLayout.DECODER, text);
        NDArray head = parameters.loadHead(PaliGemmaLayout.LM_HEAD + ".weight",
                PaliGemmaLayout.DECODER + ".embed_tokens.weight", text.tieWordEmbeddings(),
                text.vocabSize(), text.hiddenSize());
        this.lmHead = Linear.of(PaliGemmaLayout.LM_HEAD, head, null);
    }

    /**
     * Builds the model from {@code parameters}. The model takes over their manager and
     * closes it when the model is closed or when loading fails.
     */
    public static PaliGemmaModel load(String modelId, ModuleTree modules, WeightLoader parameters,
            PaliGemmaConfig config) {
        try {
            return new PaliGemmaModel(modelId, modules, parameters, config);
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
        int[] imageTokens = TokenInputs.countPerRow(ids, config.imageTokenIndex());
        Optional<NDArray> pixels = inputs.find(ModelInputs.PIXEL_VALUES);
        if (pixels.isEmpty() && Arrays.stream(imageTokens).sum() > 0) {
            throw new IllegalArgumentException("input_ids contain image tokens (id " + config.imageTokenIndex()
                    + ") but no pixel_values were given");
        }
        int[] imagesPerItem = imagesPerItem(imageTokens);

        try (NDManager scope = newForwardScope()) {
            NDArray embeds = decoder.embedTokens(ids, scope, hooks); // [b, s, D]
            if (pixels.isPresent()) {
                NDArray features = imageFeatures(TokenInputs.pixelValues(pixels.get(), scope,
                        config.vision().numChannels()), hooks); // [n, T, D]
                embeds = ImageTokenMerge.merge(embeds, ids, config.imageTokenIndex(),
                        features.reshape(-1, config.text().hiddenSize()));
            }

            long[][] positions = {onePositions(ids[0].length)};
            NDArray attentionMask = AttentionCore.sequenceMask(mask, false, scope); // [b, 1, s, s]
            hooks.onInput(PaliGemmaLayout.LANGUAGE_MODEL, embeds);
            NDArray hidden = decoder.forward(embeds, positions, attentionMask, hooks); // [b, s, D]
            NDArray logits = lmHead.forward(hidden, hooks); // [b, s, vocab]
            hooks.onOutput(PaliGemmaLayout.LANGUAGE_MODEL, logits);
        }
        return TokenInputs.sequenceInfo(ids, mask, config.imageTokenIndex(), config.specialTokenIds(),
                imagesPerItem, SequenceInfo.ImageRows.NONE);
    }

    /** Returns the scaled, projected image features {@code [n, T, D]}. */
    private NDArray imageFeatures(NDArray pixels, ForwardHooks hooks) {
        hooks.onInput(PaliGemmaLayout.VISION_TOWER, pixels);
        NDArray tokens = vision.forward(pixels, hooks).lastHiddenState(); // [n, T, V]
        hooks.onOutput(PaliGemmaLayout.VISION_TOWER, tokens);

        hooks.onInput(PaliGemmaLayout.PROJECTOR, tokens);
        NDArray projected = projector.forward(tokens, hooks); // [n, T, D]
        hooks.onOutput(PaliGemmaLayout.PROJECTOR, projected);
        return projected.div(config.imageFeatureDivisor());
    }

    private int[] imagesPerItem(int[] imageTokens) {
        int perImage = config.tokensPerImage();
        int[] images = new int[imageTokens.length];
        for (int b = 0; b < imageTokens.length; b++) {
            if (imageTokens[b] % perImage != 0) {
                throw new IllegalArgumentException("row " + b + " of input_ids contains " + imageTokens[b]
                        + " image tokens, not a multiple of the " + perImage + " tokens per image; put "
                        + perImage + " image tokens before <bos> for each image");
            }
            images[b] = imageTokens[b] / perImage;
        }
        return images;
    }

    /** Returns {@code 1 … length}: PaliGemma's positions start at 1. */
    private static long[] onePositions(int length) {
        long[] positions = new long[length];
        for (int i = 0; i < length; i++) {
            positions[i] = i + 1L;
        }
        return positions;
    }
}
