package org.lens4j.models.clip.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.Set;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.internal.LayerNormLayer;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.blocks.internal.WeightLoader.Init;
import org.lens4j.models.clip.ClipTextConfig;
import org.lens4j.models.vit.ClipEncoder;
import org.lens4j.models.vit.internal.AttentionMath;

/**
 * {@code CLIPTextTransformer}: token and position embeddings, the encoder under a causal and
 * padding mask, {@code final_layer_norm}, and pooling at the end-of-text position.
 *
 * <pre>
 * b texts   t tokens   D hidden
 * </pre>
 */
public final class ClipTextTransformer {

    private final String name;
    private final ClipTextConfig config;
    private final NDArray tokenWeight;
    private final NDArray positionWeight;
    private final ClipEncoder encoder;
    private final LayerNormLayer finalLayerNorm;

    private ClipTextTransformer(String name, ClipTextConfig config, NDArray tokenWeight, NDArray positionWeight,
            ClipEncoder encoder, LayerNormLayer finalLayerNorm) {
        this.name = name;
        this.config = config;
        this.tokenWeight = tokenWeight;
        this.positionWeight = positionWeight;
        this.encoder = encoder;
        this.finalLayerNorm = finalLayerNorm;
    }

    /** Lists the tower's modules under {@code name} in {@code named_modules()} order. */
    public static void list(ModuleListing out, String name, ClipTextConfig config) {
        out.add(name, "CLIPTextTransformer", ModuleKind.SEQUENCE);
        out.add(name + ".embeddings", "CLIPTextEmbeddings", ModuleKind.SEQUENCE);
        out.add(name + ".embeddings.token_embedding", "Embedding", ModuleKind.SEQUENCE);
        // [1, t, D]: the positions are shared by every text of the batch.
        out.add(name + ".embeddings.position_embedding", "Embedding", ModuleKind.OTHER);
        ClipEncoder.list(out, name + ".encoder", config.encoder(), ModuleKind.SEQUENCE);
        out.add(name + ".final_layer_norm", "LayerNorm", ModuleKind.SEQUENCE);
    }

    /** Loads the tower's weights. */
    public static ClipTextTransformer load(WeightLoader weights, String name, ClipTextConfig config) {
        long hidden = config.hiddenSize();
        return new ClipTextTransformer(name, config,
                weights.load(name + ".embeddings.token_embedding.weight", Init.NORMAL, config.vocabSize(), hidden),
                weights.load(name + ".embeddings.position_embedding.weight", Init.NORMAL,
                        config.maxPositionEmbeddings(), hidden),
                ClipEncoder.load(weights, name + ".encoder", config.encoder()),
                LayerNormLayer.load(weights, name + ".final_layer_norm", hidden, config.encoder().layerNormEps()));
    }

    /**
     * Encodes token ids and pools each text at its end-of-text position.
     *
     * @param ids the token ids, {@code [b][t]}, each in {@code [0, vocab_size)}
     * @param mask 1 for real tokens and 0 for padding, {@code [b][t]}
     * @param manager the manager that owns the results and intermediates
     * @return the pooled features {@code [b, D]}
     */
    public NDArray forward(long[][] ids, long[][] mask, NDManager manager, ForwardHooks hooks) {
        int batch = ids.length;
        int length = ids[0].length;
        NDArray idArray = manager.create(flatten(ids)).reshape(batch, length); // [b, t] int64
        hooks.onInput(name, idArray);

        NDArray embedded = embed(idArray, manager, hooks); // [b, t, D]
        NDArray attentionMask = AttentionMath.additiveMask(manager, mask, batch, length, true, 0); // [b, 1, t, t]
        NDArray encoded = encoder.forward(embedded, attentionMask, hooks, Set.of()).lastHiddenState();
        NDArray last = finalLayerNorm.forward(encoded, hooks); // [b, t, D]
        hooks.onOutput(name, last);

        NDList pooledRows = new NDList();
        for (int row = 0; row < batch; row++) {
            pooledRows.add(last.get(new NDIndex(row + ", " + poolingIndex(ids[row]) + ", :"))); // [D]
        }
        return NDArrays.stack(pooledRows, 0); // [b, D]
    }

    private NDArray embed(NDArray idArray, NDManager manager, ForwardHooks hooks) {
        long length = idArray.getShape().get(1);
        String embeddingsName = name + ".embeddings";
        hooks.onInput(embeddingsName, idArray);

        String tokenName = embeddingsName + ".token_embedding";
        hooks.onInput(tokenName, idArray);
        NDArray tokens = tokenWeight.get(manager, new NDIndex("{}", idArray)); // [b, t, D]
        hooks.onOutput(tokenName, tokens);

        String positionName = embeddingsName + ".position_embedding";
        if (hooks.isHooked(positionName)) {
            hooks.onInput(positionName,
                    manager.arange(0, (int) length).toType(DataType.INT64, false).expandDims(0)); // [1, t]
        }
        NDArray positions = positionWeight.get(manager, new NDIndex("0:" + length)).expandDims(0); // [1, t, D]
        hooks.onOutput(positionName, positions);

        NDArray embedded = tokens.add(positions); // [b, t, D]
        hooks.onOutput(embeddingsName, embedded);
        return embedded;
    }

    /** Returns the pooled position of one row: see {@link ClipTextConfig#legacyEosPooling()}. */
    int poolingIndex(long[] row) {
        int best = 0;
        if (config.legacyEosPooling()) {
            for (int i = 1; i < row.length; i++) {
                if (row[i] > row[best]) {
                    best = i;
                }
            }
            return best;
        }
        for (int i = 0; i < row.length; i++) {
            if (row[i] == config.eosTokenId()) {
                return i;
            }
        }
        // transformers' argmax over an all-false row picks position 0.
        return 0;
    }

    private static long[] flatten(long[][] rows) {
        int width = rows[0].length;
        long[] flat = new long[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        return flat;
    }
}
