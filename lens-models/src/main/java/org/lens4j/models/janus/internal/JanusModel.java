package org.lens4j.models.janus.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
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
import org.lens4j.models.janus.JanusConfig;
import org.lens4j.models.siglip.SiglipVisionTransformer;
import org.lens4j.models.siglip.internal.AttentionCore;
import org.lens4j.models.siglip.internal.ImageTokenMerge;
import org.lens4j.models.siglip.internal.TokenInputs;

/**
 * The Janus understanding forward pass: embed the tokens, encode the images and align the features,
 * place them at the image tokens, then run the Llama decoder with causal attention and positions
 * {@code 0 … s−1}, and the head.
 *
 * <pre>
 * b batch   s sequence   n images   T tokens per image   V vision hidden   D text hidden
 * </pre>
 */
public final class JanusModel extends ManagedModel {

    /** The family id. */
    public static final String FAMILY = "janus";

    private final JanusConfig config;
    private final SiglipVisionTransformer vision;
    private final JanusAligner aligner;
    private final GemmaDecoder decoder;
    private final Linear lmHead;

    private JanusModel(String modelId, ModuleTree modules, WeightLoader parameters, JanusConfig config) {
        super(FAMILY, modelId, modules, parameters.manager());
        this.config = config;
        DecoderConfig text = config.text();
        this.vision = SiglipVisionTransformer.load(parameters, JanusLayout.VISION_MODEL, config.vision());
        this.aligner = JanusAligner.load(parameters, JanusLayout.ALIGNER, config);
        this.decoder = GemmaDecoder.load(parameters, JanusLayout.LANGUAGE_MODEL, text);
        NDArray head = parameters.loadHead(JanusLayout.LM_HEAD + ".weight",
                JanusLayout.LANGUAGE_MODEL + ".embed_tokens.weight", text.tieWordEmbeddings(),
                text.vocabSize(), text.hiddenSize());
        this.lmHead = Linear.of(JanusLayout.LM_HEAD, head, null);
    }

    /**
     * Builds the model from {@code parameters}. The model takes over their manager and closes it
     * when the model is closed or when loading fails.
     */
    public static JanusModel load(String modelId, ModuleTree modules, WeightLoader parameters,
            JanusConfig config) {
        try {
            return new JanusModel(modelId, modules, parameters, config);
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
        int[] imageTokens = TokenInputs.countPerRow(ids, config.imageTokenId());
        Optional<NDArray> pixels = inputs.find(ModelInputs.PIXEL_VALUES);
        if (pixels.isEmpty() && Arrays.stream(imageTokens).sum() > 0) {
            throw new IllegalArgumentException("input_ids contain image tokens (id " + config.imageTokenId()
                    + ") but no pixel_values were given");
        }
        int[] imagesPerItem = imagesPerItem(imageTokens);

        try (NDManager scope = newForwardScope()) {
            NDArray embeds = decoder.embedTokens(ids, scope, hooks); // [b, s, D]
            if (pixels.isPresent()) {
                NDArray tokens = vision.forward(TokenInputs.pixelValues(pixels.get(), scope,
                        config.vision().numChannels()), hooks).lastHiddenState(); // [n, T, V]
                NDArray features = aligner.forward(tokens, hooks); // [n, T, D]
                embeds = ImageTokenMerge.merge(embeds, ids, config.imageTokenId(),
                        features.reshape(-1, config.text().hiddenSize()));
            }

            long[][] positions = {zeroPositions(ids[0].length)};
            NDArray attentionMask = AttentionCore.sequenceMask(mask, true, scope); // [b, 1, s, s]
            NDArray hidden = decoder.forward(embeds, positions, attentionMask, hooks); // [b, s, D]
            hooks.onOutput(JanusLayout.MODEL, hidden);
            lmHead.forward(hidden, hooks); // [b, s, vocab]
        }
        return TokenInputs.sequenceInfo(ids, mask, config.imageTokenId(), config.specialTokenIds(),
                imagesPerItem, pooledRows(Arrays.stream(imagesPerItem).sum()));
    }

    private int[] imagesPerItem(int[] imageTokens) {
        int perImage = config.tokensPerImage();
        int[] images = new int[imageTokens.length];
        for (int b = 0; b < imageTokens.length; b++) {
            if (imageTokens[b] % perImage != 0) {
                throw new IllegalArgumentException("row " + b + " of input_ids contains " + imageTokens[b]
                        + " image tokens, not a multiple of the " + perImage + " tokens per image; put "
                        + perImage + " <image_placeholder> tokens between <begin_of_image> and <end_of_image>"
                        + " for each image");
            }
            images[b] = imageTokens[b] / perImage;
        }
        return images;
    }

    /**
     * Returns one row per image: the only 2-D vision output is the second call of
     * {@code post_layernorm}, which normalises each image's first token {@code [n, V]}.
     */
    private static SequenceInfo.ImageRows pooledRows(int images) {
        int[][] ranges = new int[images][];
        for (int i = 0; i < images; i++) {
            ranges[i] = new int[] {i, i + 1};
        }
        return new SequenceInfo.ImageRows(ranges, List.of(), 1);
    }

    private static long[] zeroPositions(int length) {
        long[] positions = new long[length];
        for (int i = 0; i < length; i++) {
            positions[i] = i;
        }
        return positions;
    }
}
