package org.lens4j.models.gemma;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.gemma.DecoderConfig.Flavor;
import org.lens4j.models.gemma.internal.DecoderLayer;
import org.lens4j.models.gemma.internal.RmsNorm;
import org.lens4j.models.gemma.internal.RotaryTable;

/**
 * The decoder stack without its output head ({@code GemmaModel} or {@code LlamaModel}) under a
 * module prefix, for example {@code language_model.model} (PaliGemma) or
 * {@code model.language_model} (Janus).
 *
 * <pre>
 * b batch   s sequence   D hidden   V vocabulary
 * </pre>
 *
 * <p>The family embeds the tokens with {@link #embedTokens}, places its image features, builds the
 * attention mask and positions, and calls {@link #forward}.
 */
public final class GemmaDecoder {

    private final String name;
    private final DecoderConfig config;
    private final NDArray embedding;
    private final List<DecoderLayer> layers;
    private final RmsNorm norm;
    private final RotaryTable rotary;

    private GemmaDecoder(String name, DecoderConfig config, WeightLoader parameters) {
        this.name = name;
        this.config = config;
        this.embedding = parameters.load(name + ".embed_tokens.weight", WeightLoader.Init.NORMAL,
                config.vocabSize(), config.hiddenSize());
        this.layers = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            layers.add(DecoderLayer.load(parameters, name + ".layers." + i, config));
        }
        this.norm = RmsNorm.load(parameters, name + ".norm", config.hiddenSize(), config.rmsNormEps(),
                config.flavor() == Flavor.GEMMA);
        this.rotary = new RotaryTable(config.headSize(), config.ropeTheta());
    }

    /**
     * Loads the decoder whose modules start with {@code name}.
     *
     * @throws IllegalArgumentException when a parameter is missing or its shape differs
     */
    public static GemmaDecoder load(WeightLoader parameters, String name, DecoderConfig config) {
        return new GemmaDecoder(name, config, parameters);
    }

    /** Lists the decoder's modules in {@code named_modules()} order, starting with {@code name} itself. */
    public static void list(ModuleListing out, String name, DecoderConfig config) {
        boolean gemma = config.flavor() == Flavor.GEMMA;
        String prefix = gemma ? "Gemma" : "Llama";
        out.add(name, prefix + "Model", ModuleKind.SEQUENCE);
        out.add(name + ".embed_tokens", "Embedding", ModuleKind.SEQUENCE);
        out.add(name + ".layers", "ModuleList", ModuleKind.CONTAINER);
        for (int i = 0; i < config.numLayers(); i++) {
            String layer = name + ".layers." + i;
            String attention = layer + ".self_attn";
            String mlp = layer + ".mlp";
            out.add(layer, prefix + "DecoderLayer", ModuleKind.SEQUENCE);
            out.add(attention, prefix + "Attention", ModuleKind.SEQUENCE);
            for (String projection : new String[] {"q_proj", "k_proj", "v_proj", "o_proj"}) {
                out.add(attention + "." + projection, "Linear", ModuleKind.SEQUENCE);
            }
            if (gemma) {
                out.add(attention + ".rotary_emb", "GemmaRotaryEmbedding", ModuleKind.OTHER);
            }
            out.add(mlp, prefix + "MLP", ModuleKind.SEQUENCE);
            for (String projection : new String[] {"gate_proj", "up_proj", "down_proj"}) {
                out.add(mlp + "." + projection, "Linear", ModuleKind.SEQUENCE);
            }
            out.add(mlp + ".act_fn", config.activation().moduleType(), ModuleKind.SEQUENCE);
            out.add(layer + ".input_layernorm", prefix + "RMSNorm", ModuleKind.SEQUENCE);
            out.add(layer + ".post_attention_layernorm", prefix + "RMSNorm", ModuleKind.SEQUENCE);
        }
        out.add(name + ".norm", prefix + "RMSNorm", ModuleKind.SEQUENCE);
        if (!gemma) {
            out.add(name + ".rotary_emb", "LlamaRotaryEmbedding", ModuleKind.OTHER);
        }
    }

    /** Returns the module name of the decoder. */
    public String name() {
        return name;
    }

    /** Returns the configuration. */
    public DecoderConfig config() {
        return config;
    }

    /** Returns the input embedding {@code [V, D]}, owned by the model, for a tied output head. */
    public NDArray embeddingWeight() {
        return embedding;
    }

    /**
     * Looks up the token embeddings {@code [b, s, D]} into {@code manager}, reported as
     * {@code embed_tokens}, without scaling.
     *
     * @param ids token ids, already checked against the vocabulary
     */
    public NDArray embedTokens(long[][] ids, NDManager manager, ForwardHooks hooks) {
        int batch = ids.length;
        int length = ids[0].length;
        long[] flat = new long[batch * length];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(ids[b], 0, flat, b * length, length);
        }
        NDArray idArray = manager.create(flat, new Shape(batch, length));
        String module = name + ".embed_tokens";
        hooks.onInput(module, idArray);
        NDArray embeds = embedding.get(manager, new NDIndex("{}", idArray.reshape(-1)))
                .reshape(batch, length, config.hiddenSize()); // [b, s, D]
        hooks.onOutput(module, embeds);
        return embeds;
    }

    /**
     * Runs the layers and the final norm on {@code embeds [b, s, D]} (Gemma first multiplies them by
     * √D). The result lives in {@code embeds}' manager.
     *
     * @param positions the rotary positions {@code [r][s]}, one row shared by the batch or one per row
     * @param mask the additive attention mask {@code [b, 1, s, s]}
     * @return the last hidden state {@code [b, s, D]}, reported under the decoder's name
     */
    public NDArray forward(NDArray embeds, long[][] positions, NDArray mask, ForwardHooks hooks) {
        NDManager manager = embeds.getManager();
        hooks.onInput(name, embeds);
        NDArray h = embeds;
        if (config.flavor() == Flavor.GEMMA) {
            h = embeds.mul((float) Math.sqrt(config.hiddenSize()));
        }

        NDList cosSin = null;
        if (config.flavor() == Flavor.LLAMA) {
            String rotaryModule = name + ".rotary_emb";
            hooks.onInput(rotaryModule, h);
            cosSin = rotary.cosSin(positions, manager); // [r, s, d] each
            hooks.onOutput(rotaryModule, cosSin.get(0));
        }
        for (DecoderLayer layer : layers) {
            h = layer.forward(h, rotary, cosSin, positions, mask, hooks);
        }
        NDArray last = norm.forward(h, hooks);
        hooks.onOutput(name, last);
        return last;
    }
}
