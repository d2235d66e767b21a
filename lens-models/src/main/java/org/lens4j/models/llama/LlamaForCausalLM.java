package org.lens4j.models.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.blocks.internal.WeightLoader.Init;
import org.lens4j.models.llama.internal.LlamaDecoderLayer;
import org.lens4j.models.llama.internal.RmsNorm;
import org.lens4j.models.llama.internal.RotaryEmbedding;
import org.lens4j.models.vit.internal.AttentionMath;

/**
 * A Llama-style causal language model ({@code LlamaForCausalLM} and its variants): token
 * embeddings, decoder layers, a final RMSNorm and the {@code lm_head}.
 *
 * <p>Module names follow transformers 4.47: below {@code name} come {@code name.model} (with
 * {@code embed_tokens}, {@code layers.N…}, {@code norm} and {@code rotary_emb}) and
 * {@code name.lm_head}. An empty {@code name} gives the top-level layout ({@code model.layers.N},
 * {@code lm_head}). The weights belong to the manager the model was loaded into.
 *
 * <p>Sequence modules report {@code [b, s, ·]}; {@code model.rotary_emb} reports the cosine table
 * {@code [1 or b, s, d]}; {@code name} itself reports the logits.
 *
 * <pre>
 * b batch   s sequence   D hidden   V vocabulary
 * </pre>
 */
public final class LlamaForCausalLM {

    private final String name;
    private final String modelName;
    private final LlamaTextConfig config;
    private final NDArray embedWeight;
    private final List<LlamaDecoderLayer> layers;
    private final RmsNorm norm;
    private final RotaryEmbedding rotary;
    private final Linear lmHead;

    private LlamaForCausalLM(String name, LlamaTextConfig config, NDArray embedWeight,
            List<LlamaDecoderLayer> layers, RmsNorm norm, Linear lmHead) {
        this.name = name;
        this.modelName = ModuleListing.join(name, "model");
        this.config = config;
        this.embedWeight = embedWeight;
        this.layers = layers;
        this.norm = norm;
        this.rotary = new RotaryEmbedding(modelName + ".rotary_emb", config);
        this.lmHead = lmHead;
    }

    /**
     * Lists the model's modules under {@code name} in {@code named_modules()} order (root included),
     * in the transformers 4.47 layout.
     */
    public static void list(ModuleListing out, String name, LlamaTextConfig config) {
        list(out, name, config, DecoderLayout.TRANSFORMERS_4_47);
    }

    /**
     * Lists the model's modules under {@code name} in {@code named_modules()} order (root included),
     * in the given transformers layout.
     */
    public static void list(ModuleListing out, String name, LlamaTextConfig config, DecoderLayout layout) {
        String model = ModuleListing.join(name, "model");
        out.add(name, config.typeName("ForCausalLM"), ModuleKind.SEQUENCE);
        out.add(model, config.typeName("Model"), ModuleKind.SEQUENCE);
        out.add(model + ".embed_tokens", "Embedding", ModuleKind.SEQUENCE);
        out.add(model + ".layers", "ModuleList", ModuleKind.CONTAINER);
        for (int i = 0; i < config.numLayers(); i++) {
            LlamaDecoderLayer.list(out, model + ".layers." + i, config, layout);
        }
        out.add(model + ".norm", config.typeName("RMSNorm"), ModuleKind.SEQUENCE);
        // The cosine table [1 or b, s, head_dim] is not aligned with the hidden states.
        out.add(model + ".rotary_emb", config.typeName("RotaryEmbedding"), ModuleKind.OTHER);
        out.add(ModuleListing.join(name, "lm_head"), "Linear", ModuleKind.SEQUENCE);
    }

    /**
     * Loads the weights. A stored {@code lm_head.weight} is used as stored; when it is absent and
     * {@code tie_word_embeddings} is set, the head reuses {@code embed_tokens} (as do random weights
     * of a tied model), and otherwise loading fails.
     *
     * @throws IllegalArgumentException when a tensor is missing or has the wrong shape
     */
    public static LlamaForCausalLM load(WeightLoader weights, String name, LlamaTextConfig config) {
        String model = ModuleListing.join(name, "model");
        long hidden = config.hiddenSize();
        NDArray embed = weights.load(model + ".embed_tokens.weight", Init.NORMAL, config.vocabSize(), hidden);
        List<LlamaDecoderLayer> layers = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            layers.add(LlamaDecoderLayer.load(weights, model + ".layers." + i, config));
        }
        RmsNorm norm = RmsNorm.load(weights, model + ".norm", hidden, config.rmsNormEps(),
                config.variant().rmsNormUnitOffset());
        String headName = ModuleListing.join(name, "lm_head");
        boolean useEmbedding = config.tieWordEmbeddings()
                && (weights.isRandom() || !weights.contains(headName + ".weight"));
        Linear head = useEmbedding
                ? Linear.of(headName, embed, null)
                : weights.loadLinear(headName, hidden, config.vocabSize(), false);
        return new LlamaForCausalLM(name, config, embed, Collections.unmodifiableList(layers), norm, head);
    }

    /** Returns the configuration. */
    public LlamaTextConfig config() {
        return config;
    }

    /**
     * Looks up token embeddings, reported as {@code model.embed_tokens}.
     *
     * @param ids token ids {@code [b][s]}, already checked against the vocabulary
     * @return {@code [b, s, D]} in {@code manager}
     */
    public NDArray embed(long[][] ids, NDManager manager, ForwardHooks hooks) {
        String embedName = modelName + ".embed_tokens";
        int batch = ids.length;
        int length = ids[0].length;
        long[] flat = new long[batch * length];
        for (int row = 0; row < batch; row++) {
            System.arraycopy(ids[row], 0, flat, row * length, length);
        }
        NDArray idArray = manager.create(flat).reshape(batch, length); // [b, s] int64
        hooks.onInput(embedName, idArray);
        NDArray embedded = embedWeight.get(manager, new NDIndex("{}", idArray)); // [b, s, D]
        hooks.onOutput(embedName, embedded);
        return embedded;
    }

    /**
     * Runs the decoder and the head on input embeddings.
     *
     * @param inputsEmbeds {@code [b, s, D]}, owned by {@code manager}
     * @param attentionMask 1 for real tokens, 0 for padding, {@code [b][s]}
     * @param positionIds positions {@code [b][s]}, or {@code null} for {@code 0 … s−1} in every row
     *     (what transformers uses when a plain forward call passes none)
     * @param manager owns the results and intermediates
     * @return the last hidden state after the final norm and the logits
     */
    public Output forward(NDArray inputsEmbeds, long[][] attentionMask, long[][] positionIds, NDManager manager,
            ForwardHooks hooks) {
        int batch = attentionMask.length;
        int length = attentionMask[0].length;
        hooks.onInput(name, inputsEmbeds);
        hooks.onInput(modelName, inputsEmbeds);

        NDArray hidden = inputsEmbeds;
        if (config.variant().scalesEmbeddings()) {
            hidden = hidden.mul((float) Math.sqrt(config.hiddenSize())); // [b, s, D]
        }
        long[][] positions = positionIds != null ? positionIds : new long[][] {range(length)};
        RotaryEmbedding.Tables tables = rotary.forward(hidden, positions, manager, hooks); // [1 or b, 1, s, d]
        NDArray mask = AttentionMath.additiveMask(manager, attentionMask, batch, length, true,
                config.slidingWindow()); // [b, 1, s, s]

        boolean owned = false;
        for (LlamaDecoderLayer layer : layers) {
            NDArray next = layer.forward(hidden, tables, mask, hooks);
            if (owned) {
                hidden.close();
            }
            hidden = next;
            owned = true;
        }
        NDArray last = norm.forward(hidden, hooks); // [b, s, D]
        hooks.onOutput(modelName, last);

        NDArray logits = lmHead.forward(last, hooks); // [b, s, V]
        hooks.onOutput(name, logits);
        return new Output(last, logits);
    }

    private static long[] range(int length) {
        long[] out = new long[length];
        for (int i = 0; i < length; i++) {
            out[i] = i;
        }
        return out;
    }

    /**
     * The decoder's outputs; both arrays belong to the manager passed to {@code forward}.
     *
     * @param lastHiddenState {@code [b, s, D]} after the final norm
     * @param logits {@code [b, s, V]}
     */
    public record Output(NDArray lastHiddenState, NDArray logits) {
    }
}
