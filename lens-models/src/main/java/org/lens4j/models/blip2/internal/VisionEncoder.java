package org.lens4j.models.blip2.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.LayerNorm;
import org.lens4j.models.blocks.WeightInit;
import org.lens4j.models.blocks.WeightSource;

/**
 * The EVA vision model {@code vision_model}: patch embedding with a class token and learned
 * positions (no pre-LN), the encoder layers and {@code post_layernorm}.
 *
 * <p>Dimensions: {@code B} images, {@code S} image side, {@code P} patch side,
 * {@code N = (S / P)²} patches, {@code L = N + 1} tokens. {@code post_layernorm} runs twice, as in
 * transformers: on the last hidden state {@code [B, L, width]} (call 0, also the output of
 * {@code vision_model}) and again on its class-token row {@code [B, width]} (call 1, the pooled
 * output, which nothing downstream reads).
 */
final class VisionEncoder {

    private final Blip2Config.Vision config;
    private final NDArray patchWeight;
    private final NDArray patchBias;
    private final NDArray classEmbedding;
    private final NDArray positionEmbedding;
    private final List<VisionLayer> layers = new ArrayList<>();
    private final LayerNorm postLayerNorm;

    VisionEncoder(WeightSource weights, NDManager manager, Blip2Config.Vision config) {
        this.config = config;
        String embeddings = Blip2Modules.VISION + ".embeddings";
        long width = config.hidden();
        long patchValues = 3L * config.patchSize() * config.patchSize();
        NDArray conv = weights.load(manager, embeddings + ".patch_embedding.weight",
                new Shape(width, 3, config.patchSize(), config.patchSize()), WeightInit.NORMAL);
        this.patchWeight = conv.reshape(width, patchValues).transpose(1, 0);
        this.patchBias = weights.load(manager, embeddings + ".patch_embedding.bias", new Shape(width), WeightInit.ZEROS);
        this.classEmbedding = weights.load(manager, embeddings + ".class_embedding", new Shape(1, 1, width),
                WeightInit.NORMAL);
        this.positionEmbedding = weights.load(manager, embeddings + ".position_embedding",
                new Shape(1, config.tokens(), width), WeightInit.NORMAL);
        for (int i = 0; i < config.layers(); i++) {
            layers.add(new VisionLayer(weights, manager, Blip2Modules.VISION + ".encoder.layers." + i, config));
        }
        this.postLayerNorm = LayerNorm.load(weights, manager, Blip2Modules.VISION + ".post_layernorm", width,
                config.layerNormEps(), true);
    }

    /**
     * Encodes the images.
     *
     * @param pixels {@code [B, 3, S, S]}
     * @return the last hidden state after {@code post_layernorm}, {@code [B, L, width]}
     */
    NDArray forward(NDArray pixels, ForwardHooks hooks) {
        hooks.onInput(Blip2Modules.VISION, pixels);
        NDArray hidden = embed(pixels, hooks);
        hooks.onInput(Blip2Modules.VISION + ".encoder", hidden);
        for (VisionLayer layer : layers) {
            hidden = layer.forward(hidden, hooks);
        }
        hooks.onOutput(Blip2Modules.VISION + ".encoder", hidden);

        NDArray last = postLayerNorm.forward(hidden, hooks);
        // The pooled output: post_layernorm once more on the class token, reported as call 1.
        postLayerNorm.forward(last.get(":, 0, :"), hooks);
        hooks.onOutput(Blip2Modules.VISION, last);
        return last;
    }

    /** Patch convolution as a matrix product, class token, positions: {@code [B, L, width]}. */
    private NDArray embed(NDArray pixels, ForwardHooks hooks) {
        String name = Blip2Modules.VISION + ".embeddings";
        hooks.onInput(name, pixels);
        long batch = pixels.getShape().get(0);
        long side = config.patchesPerSide();
        long patch = config.patchSize();
        long width = config.hidden();

        // [B, 3, S, S] → [B, 3, n, P, n, P] → [B, n, n, 3, P, P] → [B·N, 3·P²]
        NDArray patches = pixels.reshape(batch, 3, side, patch, side, patch).transpose(0, 2, 4, 1, 3, 5)
                .reshape(batch * side * side, 3 * patch * patch);
        NDArray embedded = patches.matMul(patchWeight).addi(patchBias).reshape(batch, side, side, width);
        String conv = name + ".patch_embedding";
        hooks.onInput(conv, pixels);
        hooks.onOutput(conv, embedded.transpose(0, 3, 1, 2));

        NDArray classTokens = pixels.getManager().zeros(new Shape(batch, 1, width)).addi(classEmbedding);
        NDArray tokens = classTokens.concat(embedded.reshape(batch, side * side, width), 1).addi(positionEmbedding);
        hooks.onOutput(name, tokens);
        return tokens;
    }
}
