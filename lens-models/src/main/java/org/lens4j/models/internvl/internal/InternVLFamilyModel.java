package org.lens4j.models.internvl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Optional;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.capture.SequenceInfo;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.models.blocks.internal.ManagedModel;
import org.lens4j.models.llama.LlamaForCausalLM;
import org.lens4j.models.vit.internal.InputReader;

/**
 * The forward pass both InternVL layouts share: embed the tokens, encode the tiles into projected
 * features (layout specific), put them at the image-token positions in order, run the language
 * model, whose logits the root module reports.
 *
 * <pre>
 * b batch   s sequence   n tiles   T tokens per tile   V vision hidden   D text hidden
 * </pre>
 */
abstract class InternVLFamilyModel extends ManagedModel {

    /** Optional input: positions {@code [b, s]}; without it every row uses {@code 0 … s−1}. */
    static final String POSITION_IDS = "position_ids";

    private final LlamaForCausalLM languageModel;
    private final long imageToken;
    private final int shuffleFactor;
    private final boolean transposedShuffle;

    InternVLFamilyModel(String familyId, String modelId, ModuleTree modules, NDManager manager,
            LlamaForCausalLM languageModel, long imageToken, int shuffleFactor, boolean transposedShuffle) {
        super(familyId, modelId, modules, manager);
        this.languageModel = languageModel;
        this.imageToken = imageToken;
        this.shuffleFactor = shuffleFactor;
        this.transposedShuffle = transposedShuffle;
    }

    /**
     * Encodes the tiles of {@code inputs} into projected features, one row per image token in the
     * order the image tokens appear.
     *
     * @param scope owns the results; the inputs are already attached to it
     * @return {@code [N, D]}
     */
    abstract NDArray encodeTiles(ModelInputs inputs, NDManager scope, ForwardHooks hooks);

    /**
     * Drops the class token of a tower hidden state {@code [n, P + 1, V]} and pixel-shuffles the patch
     * grid into {@code [n, T, f²·V]}.
     */
    final NDArray shuffledPatches(NDArray hidden) {
        NDArray patches = hidden.get(new NDIndex(":, 1:, :")); // [n, P, V]
        NDArray shuffled = PixelShuffle.apply(patches, shuffleFactor, transposedShuffle); // [n, g/f, g/f, f²·V]
        Shape shape = shuffled.getShape();
        return shuffled.reshape(shape.get(0), shape.get(1) * shape.get(2), shape.get(3)); // [n, T, f²·V]
    }

    @Override
    public final SequenceInfo forward(ModelInputs inputs, ForwardHooks hooks) {
        ensureOpen();
        long[][] ids = InputReader.tokenIds(inputs, languageModel.config().vocabSize());
        long[][] mask = InputReader.attentionMask(inputs, ids);
        long[][] positions = positionIds(inputs, ids);
        int imageTokens = ImageTokenMerge.count(ids, imageToken);

        try (NDManager scope = newForwardScope()) {
            for (String name : inputs.names()) {
                inputs.require(name).tempAttach(scope);
            }
            hooks.onInput("", inputs.require(ModelInputs.INPUT_IDS));
            NDArray embeds = languageModel.embed(ids, scope, hooks); // [b, s, D]
            if (inputs.find(ModelInputs.PIXEL_VALUES).isPresent()) {
                NDArray features = encodeTiles(inputs, scope, hooks); // [N, D]
                embeds = ImageTokenMerge.merge(embeds, ids, imageToken, features); // [b, s, D]
            } else if (imageTokens > 0) {
                throw new IllegalArgumentException("input_ids contain " + imageTokens + " image tokens (id "
                        + imageToken + ") but no pixel_values were given");
            }
            LlamaForCausalLM.Output out = languageModel.forward(embeds, mask, positions, scope, hooks);
            hooks.onOutput("", out.logits());
            return ImageTokenMerge.sequenceInfo(ids, mask, imageToken, languageModel.config().bosTokenId(),
                    languageModel.config().eosTokenId());
        }
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
}
