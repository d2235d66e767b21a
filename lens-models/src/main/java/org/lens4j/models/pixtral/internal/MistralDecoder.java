package org.lens4j.models.pixtral.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.lens4j.models.blocks.Attention;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.RmsNorm;
import org.lens4j.models.blocks.Rotary;
import org.lens4j.models.blocks.WeightInit;
import org.lens4j.models.blocks.WeightSource;

/**
 * The Mistral language model of Pixtral: token embeddings, rotary layers, the final RMSNorm and the
 * head.
 *
 * <p>Positions are {@code 0 … L−1} in every row whatever the padding, as transformers 4.49 and
 * mistral_inference number them. The mask is causal, hides padding keys and, with a sliding
 * window {@code W}, also keys {@code j ≤ i − W}. Dimensions: {@code B} batch, {@code L} sequence;
 * hidden states {@code [B, L, width]}, logits {@code [B, L, vocab]}.
 */
final class MistralDecoder {

    private final PixtralConfig.Text config;
    private final PixtralNames names;
    private final RotaryConvention rotary;
    private final NDArray embedding;
    private final List<TransformerBlock> layers = new ArrayList<>();
    private final RmsNorm norm;
    private final Linear head;
    private final float[] frequencies;

    MistralDecoder(WeightSource weights, NDManager manager, PixtralConfig config) {
        this.config = config.text();
        this.names = PixtralNames.of(config.layout());
        this.rotary = RotaryConvention.of(config.layout());
        PixtralConfig.Text t = config.text();
        this.embedding = weights.load(manager, names.embedTokens() + ".weight", new Shape(t.vocab(), t.hidden()),
                WeightInit.NORMAL);
        TransformerBlock.LayerSpec spec = new TransformerBlock.LayerSpec(t.hidden(), t.intermediate(), t.heads(),
                t.kvHeads(), t.headSize(), t.activation(), t.rmsNormEps());
        for (int i = 0; i < t.layers(); i++) {
            layers.add(new TransformerBlock(weights, manager, names.layer(i), names.decoderBlock(), spec, rotary));
        }
        this.norm = RmsNorm.load(weights, manager, names.norm(), t.hidden(), t.rmsNormEps());
        this.head = t.tieWordEmbeddings()
                ? Linear.of(names.head(), embedding, null)
                : Linear.load(weights, manager, names.head(), t.hidden(), t.vocab(), false);
        try (NDManager scratch = manager.newSubManager()) {
            this.frequencies = Rotary.inverseFrequencies(scratch, t.headSize(), t.ropeTheta()).toFloatArray();
        }
    }

    /**
     * Embeds token ids {@code [B, L]} (int64) into {@code [B, L, width]}.
     *
     * @throws IllegalArgumentException naming the id when one is outside the vocabulary
     */
    NDArray embed(NDArray ids, Reporter reporter) {
        for (long id : ids.toLongArray()) {
            if (id < 0 || id >= config.vocab()) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + config.vocab()
                        + ") of '" + names.embedTokens() + "'");
            }
        }
        return reporter.call(names.embedTokens(), ids, x -> embedding.get(x.getManager(), new NDIndex("{}", x)));
    }

    /**
     * Runs the decoder on embeddings with the image features in place.
     *
     * @param embeds {@code [B, L, width]}
     * @param attentionMask {@code [B][L]}
     * @param withHead whether to run the head
     * @return the logits when {@code withHead}, else the normalised last hidden state
     */
    NDArray forward(NDArray embeds, long[][] attentionMask, boolean withHead, Reporter reporter) {
        NDManager manager = embeds.getManager();
        int length = Math.toIntExact(embeds.getShape().get(1));
        reporter.input(names.languageModel(), embeds);
        reporter.input(names.decoder(), embeds);

        NDArray[] tables = rotaryTables(manager, length);
        reporter.output(names.textRotary(), tables[0].expandDims(0));
        NDArray mask = mask(manager, attentionMask, config.slidingWindow());

        NDArray hidden = embeds;
        for (TransformerBlock layer : layers) {
            hidden = layer.forward(hidden, tables[0], tables[1], mask, reporter);
        }
        NDArray normed = reporter.call(names.norm(), hidden, norm::apply);
        reporter.output(names.decoder(), normed);
        if (!withHead) {
            return normed;
        }
        NDArray logits = reporter.call(names.head(), normed, head::apply);
        return reporter.output(names.languageModel(), logits);
    }

    /** Returns the cosine and sine tables {@code [L, D]} of positions {@code 0 … L−1}. */
    private NDArray[] rotaryTables(NDManager manager, int length) {
        int pairs = frequencies.length;
        float[] angles = new float[length * pairs];
        for (int position = 0; position < length; position++) {
            for (int j = 0; j < pairs; j++) {
                angles[position * pairs + j] = position * frequencies[j];
            }
        }
        return rotary.tables(manager, angles, length, pairs);
    }

    /** Builds the causal, padding and sliding-window mask {@code [B, 1, L, L]}. */
    static NDArray mask(NDManager manager, long[][] attentionMask, int window) {
        int batch = attentionMask.length;
        int length = batch == 0 ? 0 : attentionMask[0].length;
        float[] values = new float[batch * length * length];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < length; i++) {
                for (int j = 0; j < length; j++) {
                    boolean inWindow = window <= 0 || j > i - window;
                    boolean allowed = j <= i && inWindow && attentionMask[b][j] != 0;
                    values[(b * length + i) * length + j] = allowed ? 0f : Attention.MASKED;
                }
            }
        }
        return manager.create(values, new Shape(batch, 1, length, length));
    }
}
