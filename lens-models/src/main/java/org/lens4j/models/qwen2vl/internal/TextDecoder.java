package org.lens4j.models.qwen2vl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.Embedding;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.Masks;
import org.lens4j.models.blocks.RmsNorm;
import org.lens4j.models.blocks.Rotary;
import org.lens4j.models.blocks.WeightSource;

/**
 * The Qwen2 language model {@code model} with its head {@code lm_head}.
 *
 * <p>Dimensions: {@code B} batch, {@code L} sequence, hidden width {@code [B, L, hidden]},
 * logits {@code [B, L, vocab]}.
 */
final class TextDecoder {

    private final Embedding embedTokens;
    private final List<DecoderLayer> layers = new ArrayList<>();
    private final RmsNorm norm;
    private final Linear lmHead;
    private final MultimodalRotary rotary;
    private final NDArray inverseFrequencies;

    TextDecoder(WeightSource weights, NDManager manager, QwenVLConfig.Text text) {
        this.embedTokens = Embedding.load(weights, manager, "model.embed_tokens", text.vocab(), text.hidden());
        for (int i = 0; i < text.layers(); i++) {
            layers.add(new DecoderLayer(weights, manager, "model.layers." + i, text));
        }
        this.norm = RmsNorm.load(weights, manager, "model.norm", text.hidden(), text.rmsNormEps());
        this.lmHead = text.tieWordEmbeddings()
                ? Linear.of("lm_head", embedTokens.weight(), null)
                : Linear.load(weights, manager, "lm_head", text.hidden(), text.vocab(), false);
        this.rotary = new MultimodalRotary(text.mropeSection());
        this.inverseFrequencies = Rotary.inverseFrequencies(manager, text.headSize(), text.ropeTheta());
    }

    /** Returns the number of layers. */
    int layerCount() {
        return layers.size();
    }

    /** Embeds token ids {@code [B, L]} (int64) into {@code [B, L, hidden]}. */
    NDArray embed(NDArray ids, ForwardHooks hooks) {
        return embedTokens.forward(ids, hooks);
    }

    /**
     * Runs the decoder on the embedded sequence.
     *
     * @param embeds {@code [B, L, hidden]} with the image features already in place
     * @param positions {@code [3][B][L]}
     * @param attentionMask {@code [B][L]}
     * @param plan which layers and outputs the hooks need
     * @return the logits when {@link RunPlan#runsHead()}, else the last hidden state computed
     */
    NDArray forward(NDArray embeds, long[][][] positions, long[][] attentionMask, RunPlan plan, ForwardHooks hooks) {
        NDManager manager = embeds.getManager();
        hooks.onInput("model", embeds);
        NDList tables = MultimodalRotary.tables(manager, positions, inverseFrequencies);
        hooks.onOutput("model.rotary_emb", tables.get(0));
        NDArray cos = rotary.select(tables.get(0));
        NDArray sin = rotary.select(tables.get(1));
        NDArray mask = Masks.causalWithPadding(manager, attentionMask);

        NDArray hidden = embeds;
        for (int i = 0; i < plan.decoderLayers(); i++) {
            hidden = layers.get(i).forward(hidden, cos, sin, mask, hooks);
        }
        if (!plan.runsFinalNorm()) {
            return hidden;
        }
        NDArray normed = norm.forward(hidden, hooks);
        hooks.onOutput("model", normed);
        return plan.runsHead() ? lmHead.forward(normed, hooks) : normed;
    }
}
