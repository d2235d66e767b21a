package org.lens4j.models.blip2.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.LayerNorm;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.WeightSource;

/**
 * A BERT-style attention block of the Q-Former ({@code Blip2QFormerAttention}): multi-head
 * attention {@code attention.{query, key, value, dropout}} followed by the post-LN output
 * {@code output.LayerNorm(output.dropout(output.dense(context)) + x)}.
 *
 * <p>As self-attention, keys and values come from the queries; as cross-attention they come from
 * the image features. No mask applies, so every query attends to every query and every image token.
 * Dimensions: {@code B} images, {@code Q} queries, {@code N} image tokens; input and output
 * {@code [B, Q, width]}.
 */
final class QFormerAttention {

    private final String name;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear dense;
    private final LayerNorm layerNorm;
    private final int heads;
    private final float scale;

    QFormerAttention(WeightSource weights, NDManager manager, String name, Blip2Config.QFormer config,
            boolean cross) {
        this.name = name;
        this.heads = config.heads();
        this.scale = (float) (1.0 / Math.sqrt(config.headSize()));
        long width = config.hidden();
        long keyWidth = cross ? config.encoderHidden() : width;
        String attention = name + ".attention";
        this.query = Linear.load(weights, manager, attention + ".query", width, width, true);
        this.key = Linear.load(weights, manager, attention + ".key", keyWidth, width, true);
        this.value = Linear.load(weights, manager, attention + ".value", keyWidth, width, true);
        this.dense = Linear.load(weights, manager, name + ".output.dense", width, width, true);
        this.layerNorm = LayerNorm.load(weights, manager, name + ".output.LayerNorm", width, config.layerNormEps(),
                true);
    }

    /**
     * Attends from {@code x} {@code [B, Q, width]} to {@code keysFrom}: {@code x} itself for
     * self-attention, the image features {@code [B, N, vision width]} for cross-attention.
     */
    NDArray forward(NDArray x, NDArray keysFrom, ForwardHooks hooks) {
        hooks.onInput(name, x);
        String attention = name + ".attention";
        hooks.onInput(attention, x);
        // transformers projects keys and values before queries; the hooks see that order.
        NDArray keys = ProbabilityAttention.splitHeads(key.forward(keysFrom, hooks), heads);
        NDArray values = ProbabilityAttention.splitHeads(value.forward(keysFrom, hooks), heads);
        NDArray queries = ProbabilityAttention.splitHeads(query.forward(x, hooks), heads);
        NDArray context = ProbabilityAttention.attend(queries, keys, values, scale, attention + ".dropout", hooks);
        hooks.onOutput(attention, context);

        String output = name + ".output";
        hooks.onInput(output, context);
        NDArray projected = dense.forward(context, hooks);
        reportIdentity(output + ".dropout", projected, hooks);
        NDArray out = layerNorm.forward(projected.add(x), hooks);
        hooks.onOutput(output, out);
        hooks.onOutput(name, out);
        return out;
    }

    /** Reports a dropout module, which is the identity in inference. */
    static void reportIdentity(String module, NDArray x, ForwardHooks hooks) {
        hooks.onInput(module, x);
        hooks.onOutput(module, x);
    }
}
