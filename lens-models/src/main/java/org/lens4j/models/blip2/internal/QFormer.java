package org.lens4j.models.blip2.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.ActivationModule;
import org.lens4j.models.blocks.LayerNorm;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.Scopes;
import org.lens4j.models.blocks.WeightInit;
import org.lens4j.models.blocks.WeightSource;

/**
 * The querying transformer {@code qformer}: the learned {@code query_tokens} pass through
 * {@code layernorm} and {@code dropout}, then post-LN layers of self-attention, cross-attention to
 * the image features (in layers whose index is a multiple of {@code cross_attention_frequency}) and
 * a feed-forward block. Only the query path runs: BLIP-2 captioning feeds no text to the Q-Former.
 *
 * <p>Dimensions: {@code B} images, {@code Q} queries, {@code N} image tokens. Input image features
 * {@code [B, N, vision width]}, output {@code [B, Q, width]}.
 */
final class QFormer {

    private final NDArray queryTokens;
    private final LayerNorm layerNorm;
    private final List<Layer> layers = new ArrayList<>();

    QFormer(WeightSource weights, NDManager manager, Blip2Config config) {
        Blip2Config.QFormer q = config.qformer();
        this.queryTokens = weights.load(manager, "query_tokens", new Shape(1, config.queryTokens(), q.hidden()),
                WeightInit.NORMAL);
        this.layerNorm = LayerNorm.load(weights, manager, Blip2Modules.QFORMER + ".layernorm", q.hidden(),
                q.layerNormEps(), true);
        for (int i = 0; i < q.layers(); i++) {
            layers.add(new Layer(weights, manager, Blip2Modules.QFORMER + ".encoder.layer." + i, q,
                    q.hasCrossAttention(i)));
        }
    }

    /** Runs the queries against {@code imageFeatures} {@code [B, N, vision width]}; returns {@code [B, Q, width]}. */
    NDArray forward(NDArray imageFeatures, ForwardHooks hooks) {
        long batch = imageFeatures.getShape().get(0);
        Shape queryShape = queryTokens.getShape();
        NDArray queries = imageFeatures.getManager().zeros(new Shape(batch, queryShape.get(1), queryShape.get(2)))
                .addi(queryTokens);
        hooks.onInput(Blip2Modules.QFORMER, queries);

        NDArray hidden = layerNorm.forward(queries, hooks);
        QFormerAttention.reportIdentity(Blip2Modules.QFORMER + ".dropout", hidden, hooks);
        String encoder = Blip2Modules.QFORMER + ".encoder";
        hooks.onInput(encoder, hidden);
        for (Layer layer : layers) {
            hidden = layer.forward(hidden, imageFeatures, hooks);
        }
        hooks.onOutput(encoder, hidden);
        hooks.onOutput(Blip2Modules.QFORMER, hidden);
        return hidden;
    }

    /** One Q-Former layer ({@code Blip2QFormerLayer}) on the query path. */
    private static final class Layer {
        private final String name;
        private final QFormerAttention attention;
        private final QFormerAttention crossAttention;
        private final Linear intermediate;
        private final ActivationModule activation;
        private final Linear output;
        private final LayerNorm outputNorm;

        Layer(WeightSource weights, NDManager manager, String name, Blip2Config.QFormer config, boolean cross) {
            this.name = name;
            this.attention = new QFormerAttention(weights, manager, name + ".attention", config, false);
            this.crossAttention = cross
                    ? new QFormerAttention(weights, manager, name + ".crossattention", config, true)
                    : null;
            this.intermediate = Linear.load(weights, manager, name + ".intermediate_query.dense", config.hidden(),
                    config.intermediate(), true);
            this.activation = new ActivationModule(name + ".intermediate_query.intermediate_act_fn",
                    config.activation());
            this.output = Linear.load(weights, manager, name + ".output_query.dense", config.intermediate(),
                    config.hidden(), true);
            this.outputNorm = LayerNorm.load(weights, manager, name + ".output_query.LayerNorm", config.hidden(),
                    config.layerNormEps(), true);
        }

        NDArray forward(NDArray x, NDArray imageFeatures, ForwardHooks hooks) {
            return Scopes.step(x, input -> {
                hooks.onInput(name, input);
                NDArray attended = attention.forward(input, input, hooks);
                if (crossAttention != null) {
                    attended = crossAttention.forward(attended, imageFeatures, hooks);
                }
                NDArray out = feedForward(attended, hooks);
                hooks.onOutput(name, out);
                return out;
            });
        }

        /** {@code output_query.LayerNorm(output_query.dense(intermediate_query(x)) + x)}. */
        private NDArray feedForward(NDArray x, ForwardHooks hooks) {
            String intermediateName = name + ".intermediate_query";
            hooks.onInput(intermediateName, x);
            NDArray inner = activation.forward(intermediate.forward(x, hooks), hooks);
            hooks.onOutput(intermediateName, inner);

            String outputName = name + ".output_query";
            hooks.onInput(outputName, inner);
            NDArray projected = output.forward(inner, hooks);
            QFormerAttention.reportIdentity(outputName + ".dropout", projected, hooks);
            NDArray out = outputNorm.forward(projected.add(x), hooks);
            hooks.onOutput(outputName, out);
            return out;
        }
    }
}
