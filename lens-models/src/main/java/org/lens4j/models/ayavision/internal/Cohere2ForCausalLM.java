package org.lens4j.models.ayavision.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.ayavision.Cohere2TextConfig;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.vit.internal.AttentionMath;

/**
 * {@code Cohere2ForCausalLM}: token embeddings, parallel decoder layers, a final LayerNorm and the
 * {@code lm_head}, whose output transformers multiplies by {@code logit_scale}. The head module
 * reports the logits before scaling, and the model itself the scaled logits.
 *
 * <pre>
 * b batch   s sequence   D hidden   V vocabulary
 * </pre>
 */
final class Cohere2ForCausalLM {

    private final String name;
    private final String modelName;
    private final Cohere2TextConfig config;
    private final NDArray embedWeight;
    private final List<Cohere2DecoderLayer> layers;
    private final Cohere2LayerNorm norm;
    private final InterleavedRotary rotary;
    private final Linear lmHead;

    private Cohere2ForCausalLM(String name, Cohere2TextConfig config, NDArray embedWeight,
            List<Cohere2DecoderLayer> layers, Cohere2LayerNorm norm, Linear lmHead) {
        this.name = name;
        this.modelName = name + ".model";
        this.config = config;
        this.embedWeight = embedWeight;
        this.layers = layers;
        this.norm = norm;
        this.rotary = new InterleavedRotary(modelName + ".rotary_emb", config.headDim(), config.ropeTheta());
        this.lmHead = lmHead;
    }

    static void list(ModuleListing out, String name, Cohere2TextConfig config) {
        String model = name + ".model";
        out.add(name, "Cohere2ForCausalLM", ModuleKind.SEQUENCE);
        out.add(model, "Cohere2Model", ModuleKind.SEQUENCE);
        out.add(model + ".embed_tokens", "Embedding", ModuleKind.SEQUENCE);
        out.add(model + ".layers", "ModuleList", ModuleKind.CONTAINER);
        for (int i = 0; i < config.numLayers(); i++) {
            Cohere2DecoderLayer.list(out, model + ".layers." + i, config);
        }
        out.add(model + ".norm", "Cohere2LayerNorm", ModuleKind.SEQUENCE);
        // The cosine table [1 or b, s, head_dim] is not aligned with the hidden states.
        out.add(model + ".rotary_emb", "Cohere2RotaryEmbedding", ModuleKind.OTHER);
        out.add(name + ".lm_head", "Linear", ModuleKind.SEQUENCE);
    }

    /**
     * Loads the weights; with {@code tie_word_embeddings} a missing {@code lm_head.weight} reuses the
     * token embeddings.
     */
    static Cohere2ForCausalLM load(WeightLoader parameters, String name, Cohere2TextConfig config) {
        String model = name + ".model";
        long hidden = config.hiddenSize();
        NDArray embed = parameters.load(model + ".embed_tokens.weight", WeightLoader.Init.NORMAL,
                config.vocabSize(), hidden);
        List<Cohere2DecoderLayer> layers = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            layers.add(Cohere2DecoderLayer.load(parameters, model + ".layers." + i, i, config));
        }
        Cohere2LayerNorm norm = Cohere2LayerNorm.load(parameters, model + ".norm", hidden, config.layerNormEps());
        NDArray head = parameters.loadHead(name + ".lm_head.weight", model + ".embed_tokens.weight",
                config.tieWordEmbeddings(), config.vocabSize(), hidden);
        return new Cohere2ForCausalLM(name, config, embed, Collections.unmodifiableList(layers), norm,
                Linear.of(name + ".lm_head", head, null));
    }

    /** Returns the configuration. */
    Cohere2TextConfig config() {
        return config;
    }

    /**
     * Looks up token embeddings, reported as {@code model.embed_tokens}.
     *
     * @param ids token ids {@code [b][s]}, already checked against the vocabulary
     * @return {@code [b, s, D]} in {@code manager}
     */
    NDArray embed(long[][] ids, NDManager manager, ForwardHooks hooks) {
        String embedName = modelName + ".embed_tokens";
        int batch = ids.length;
        int length = ids[0].length;
        long[] flat = new long[batch * length];
        for (int row = 0; row < batch; row++) {
            System.arraycopy(ids[row], 0, flat, row * length, length);
        }
        NDArray idArray = manager.create(flat).reshape(batch, length); // [b, s]
        hooks.onInput(embedName, idArray);
        NDArray embedded = embedWeight.get(manager, new NDIndex("{}", idArray)); // [b, s, D]
        hooks.onOutput(embedName, embedded);
        return embedded;
    }

    /**
     * Runs the decoder and the head on input embeddings.
     *
     * @param attentionMask 1 for real tokens, 0 for padding, {@code [b][s]}
     * @param positionIds positions {@code [b][s]}, or {@code null} for {@code 0 … s−1} in every row
     * @param manager owns the results and intermediates
     * @return the scaled logits {@code [b, s, V]}
     */
    NDArray forward(NDArray inputsEmbeds, long[][] attentionMask, long[][] positionIds, NDManager manager,
            ForwardHooks hooks) {
        int batch = attentionMask.length;
        int length = attentionMask[0].length;
        hooks.onInput(name, inputsEmbeds);
        hooks.onInput(modelName, inputsEmbeds);

        long[][] positions = positionIds != null ? positionIds : new long[][] {range(length)};
        InterleavedRotary.Tables tables = rotary.forward(inputsEmbeds, positions, manager, hooks); // [1 or b, 1, s, d]
        NDArray globalMask = AttentionMath.additiveMask(manager, attentionMask, batch, length, true, 0);
        NDArray windowMask = AttentionMath.additiveMask(manager, attentionMask, batch, length, true,
                config.slidingWindow()); // [b, 1, s, s]

        NDArray hidden = inputsEmbeds;
        for (Cohere2DecoderLayer layer : layers) {
            NDArray next = layer.forward(hidden, tables, layer.sliding() ? windowMask : globalMask, hooks);
            if (hidden != inputsEmbeds) {
                hidden.close();
            }
            hidden = next;
        }
        NDArray last = norm.forward(hidden, hooks); // [b, s, D]
        hooks.onOutput(modelName, last);

        NDArray logits = lmHead.forward(last, hooks).mul((float) config.logitScale()); // [b, s, V]
        hooks.onOutput(name, logits);
        return logits;
    }

    private static long[] range(int length) {
        long[] out = new long[length];
        for (int i = 0; i < length; i++) {
            out[i] = i;
        }
        return out;
    }
}
