package org.lens4j.models.blip2.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.Embedding;
import org.lens4j.models.blocks.LayerNorm;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.Masks;
import org.lens4j.models.blocks.WeightSource;

/**
 * The OPT language model {@code language_model}: token and learned position embeddings, the
 * decoder layers, {@code final_layer_norm} and {@code lm_head}.
 *
 * <p>Positions come from the attention mask: {@code cumsum(mask) · mask − 1}, so padding takes
 * position −1 and the first real token 0; the table is read at position + 2 because OPT reserves
 * its first two rows. Dimensions: {@code B} batch, {@code L} sequence; hidden states
 * {@code [B, L, width]}, logits {@code [B, L, vocab]}.
 */
final class OptDecoder {

    /** The row offset of OPT's learned position table. */
    static final int POSITION_OFFSET = 2;

    private final Blip2Config.Opt config;
    private final Embedding embedTokens;
    private final Embedding embedPositions;
    private final Linear projectIn;
    private final Linear projectOut;
    private final List<OptLayer> layers = new ArrayList<>();
    private final LayerNorm finalNorm;
    private final Linear lmHead;

    OptDecoder(WeightSource weights, NDManager manager, Blip2Config.Opt config) {
        this.config = config;
        String decoder = Blip2Modules.DECODER;
        this.embedTokens = Embedding.load(weights, manager, decoder + ".embed_tokens", config.vocab(),
                config.wordEmbedProjDim());
        this.embedPositions = Embedding.load(weights, manager, decoder + ".embed_positions",
                config.maxPositions() + POSITION_OFFSET, config.hidden());
        this.projectOut = config.projects()
                ? Linear.load(weights, manager, decoder + ".project_out", config.hidden(), config.wordEmbedProjDim(),
                        false)
                : null;
        this.projectIn = config.projects()
                ? Linear.load(weights, manager, decoder + ".project_in", config.wordEmbedProjDim(), config.hidden(),
                        false)
                : null;
        this.finalNorm = config.finalLayerNorm()
                ? LayerNorm.load(weights, manager, decoder + ".final_layer_norm", config.hidden(), 1e-5, true)
                : null;
        for (int i = 0; i < config.layers(); i++) {
            layers.add(new OptLayer(weights, manager, decoder + ".layers." + i, config));
        }
        this.lmHead = config.tieWordEmbeddings()
                ? Linear.of(Blip2Modules.LM_HEAD, embedTokens.weight(), null)
                : Linear.load(weights, manager, Blip2Modules.LM_HEAD, config.wordEmbedProjDim(), config.vocab(), false);
    }

    /** Embeds token ids {@code [B, T]} into {@code [B, T, embedding width]}. */
    NDArray embed(NDArray ids, ForwardHooks hooks) {
        return embedTokens.forward(ids, hooks);
    }

    /**
     * Runs the decoder and, when {@code withHead}, the head.
     *
     * @param embeds {@code [B, L, embedding width]}, the queries already in place
     * @param attentionMask {@code [B][L]}
     * @return the logits {@code [B, L, vocab]} when {@code withHead}, else the last hidden state
     * @throws IllegalArgumentException when the sequence is longer than the position table
     */
    NDArray forward(NDArray embeds, long[][] attentionMask, boolean withHead, ForwardHooks hooks) {
        NDManager manager = embeds.getManager();
        long length = embeds.getShape().get(1);
        if (length > config.maxPositions()) {
            throw new IllegalArgumentException("the language-model sequence has " + length + " positions (queries"
                    + " and text) but OPT's max_position_embeddings is " + config.maxPositions()
                    + "; shorten the prompt");
        }
        hooks.onInput(Blip2Modules.LANGUAGE_MODEL, embeds);
        hooks.onInput(Blip2Modules.DECODER, embeds);
        NDArray positions = embedPositions.forward(manager.create(positionIds(attentionMask)), hooks);
        NDArray hidden = projectIn == null ? embeds : projectIn.forward(embeds, hooks);
        hidden = hidden.add(positions);

        NDArray mask = Masks.causalWithPadding(manager, attentionMask);
        for (OptLayer layer : layers) {
            hidden = layer.forward(hidden, mask, hooks);
        }
        if (finalNorm != null) {
            hidden = finalNorm.forward(hidden, hooks);
        }
        if (projectOut != null) {
            hidden = projectOut.forward(hidden, hooks);
        }
        hooks.onOutput(Blip2Modules.DECODER, hidden);
        if (!withHead) {
            return hidden;
        }
        NDArray logits = lmHead.forward(hidden, hooks);
        hooks.onOutput(Blip2Modules.LANGUAGE_MODEL, logits);
        return logits;
    }

    /** Returns the rows of the position table, {@code cumsum(mask) · mask − 1 + 2}, {@code [B, L]}. */
    static long[][] positionIds(long[][] attentionMask) {
        long[][] out = new long[attentionMask.length][];
        for (int b = 0; b < attentionMask.length; b++) {
            out[b] = new long[attentionMask[b].length];
            long sum = 0;
            for (int l = 0; l < attentionMask[b].length; l++) {
                sum += attentionMask[b][l];
                out[b][l] = sum * attentionMask[b][l] - 1 + POSITION_OFFSET;
            }
        }
        return out;
    }
}
