package org.lens4j.models.siglip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.internal.LayerNormLayer;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.siglip.SiglipVisionConfig.Flavor;
import org.lens4j.models.siglip.internal.SiglipEncoderLayer;
import org.lens4j.models.siglip.internal.SiglipPoolingHead;

/**
 * A SigLIP vision transformer under a module prefix, for example
 * {@code vision_tower.vision_model} (PaliGemma) or {@code model.vision_model} (Janus).
 *
 * <pre>
 * n images   C channels   S image side   p patch side   P = (S/p)² patches   D hidden
 * </pre>
 *
 * <p>The patch embedding is a stride-{@code p} convolution computed as a matrix product over
 * unfolded patches. Pixels beyond the last whole patch are ignored, as with the reference's
 * {@code padding="valid"}. The image must give exactly the learned number of positions: position
 * interpolation is not implemented.
 */
public final class SiglipVisionTransformer {

    /**
     * The transformer's outputs.
     *
     * @param lastHiddenState the normalised patch tokens {@code [n, P, D]}
     * @param pooled the pooled vector {@code [n, D]}: the head's output (SigLIP with a head), the
     *     normalised first token (Janus), or {@code null}
     */
    public record Output(NDArray lastHiddenState, NDArray pooled) {
    }

    private final String name;
    private final SiglipVisionConfig config;
    private final NDArray patchWeight;
    private final NDArray patchBias;
    private final NDArray positions;
    private final List<SiglipEncoderLayer> layers;
    private final LayerNormLayer postLayerNorm;
    private final SiglipPoolingHead head;

    private SiglipVisionTransformer(String name, SiglipVisionConfig config, WeightLoader parameters) {
        this.name = name;
        this.config = config;
        long hidden = config.hiddenSize();
        long patch = config.patchSize();
        String embeddings = name + ".embeddings";
        this.patchWeight = parameters.load(embeddings + ".patch_embedding.weight", WeightLoader.Init.NORMAL,
                hidden, config.numChannels(), patch, patch)
                .reshape(hidden, config.numChannels() * patch * patch)
                .transpose(1, 0); // [C·p·p, D]
        this.patchBias = parameters.load(embeddings + ".patch_embedding.bias", WeightLoader.Init.ZEROS, hidden);
        this.positions = parameters.load(embeddings + ".position_embedding.weight", WeightLoader.Init.NORMAL,
                config.numPatches(), hidden);
        this.layers = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            layers.add(SiglipEncoderLayer.load(parameters, layerName(i), config));
        }
        this.postLayerNorm = LayerNormLayer.load(parameters, name + ".post_layernorm", hidden,
                config.layerNormEps());
        this.head = config.useHead() ? SiglipPoolingHead.load(parameters, name + ".head", config) : null;
    }

    /**
     * Loads the transformer whose modules start with {@code name}.
     *
     * @throws IllegalArgumentException when a parameter is missing or its shape differs
     */
    public static SiglipVisionTransformer load(WeightLoader parameters, String name, SiglipVisionConfig config) {
        return new SiglipVisionTransformer(name, config, parameters);
    }

    /**
     * Lists the transformer's modules in {@code named_modules()} order, starting with {@code name}
     * itself.
     */
    public static void list(ModuleListing out, String name, SiglipVisionConfig config) {
        boolean janus = config.flavor() == Flavor.JANUS;
        String embeddings = name + ".embeddings";
        out.add(name, janus ? "JanusVisionModel" : "SiglipVisionTransformer", ModuleKind.VISION);
        out.add(embeddings, janus ? "JanusVisionEmbeddings" : "SiglipVisionEmbeddings", ModuleKind.VISION);
        out.add(embeddings + ".patch_embedding", "Conv2d", ModuleKind.OTHER);
        out.add(embeddings + ".position_embedding", "Embedding", ModuleKind.OTHER);
        out.add(name + ".encoder", janus ? "JanusVisionEncoder" : "SiglipEncoder", ModuleKind.VISION);
        out.add(name + ".encoder.layers", "ModuleList", ModuleKind.CONTAINER);
        for (int i = 0; i < config.numLayers(); i++) {
            SiglipEncoderLayer.list(out, name + ".encoder.layers." + i, config);
        }
        out.add(name + ".post_layernorm", "LayerNorm", ModuleKind.VISION);
        if (config.useHead()) {
            SiglipPoolingHead.list(out, name + ".head", config);
        }
    }

    /** Returns the module name of the transformer. */
    public String name() {
        return name;
    }

    /** Returns the configuration. */
    public SiglipVisionConfig config() {
        return config;
    }

    /**
     * Encodes {@code pixels [n, C, H, W]}. The outputs live in {@code pixels}' manager.
     *
     * @throws IllegalArgumentException when the image does not give the learned number of patches
     */
    public Output forward(NDArray pixels, ForwardHooks hooks) {
        hooks.onInput(name, pixels);
        NDArray h = embed(pixels, hooks); // [n, P, D]

        String encoder = name + ".encoder";
        hooks.onInput(encoder, h);
        for (SiglipEncoderLayer layer : layers) {
            h = layer.forward(h, hooks);
        }
        hooks.onOutput(encoder, h);

        NDArray last = postLayerNorm.forward(h, hooks); // [n, P, D]
        NDArray pooled = null;
        if (head != null) {
            pooled = head.forward(last, hooks); // [n, D]
        } else if (config.flavor() == Flavor.JANUS) {
            // JanusVisionModel normalises the already normalised first token once more as its pooled output.
            pooled = postLayerNorm.forward(last.get(new NDIndex(":, 0, :")), hooks); // [n, D]
        }
        hooks.onOutput(name, last);
        return new Output(last, pooled);
    }

    private NDArray embed(NDArray pixels, ForwardHooks hooks) {
        String embeddings = name + ".embeddings";
        hooks.onInput(embeddings, pixels);
        Shape shape = pixels.getShape();
        long images = shape.get(0);
        long channels = config.numChannels();
        long patch = config.patchSize();
        long rows = shape.get(2) / patch;
        long columns = shape.get(3) / patch;
        if (rows * columns != config.numPatches()) {
            throw new IllegalArgumentException("pixel_values " + shape + " give " + rows + "×" + columns
                    + " patches of " + patch + " px, but the vision model has " + config.numPatches()
                    + " learned positions (image_size " + config.imageSize() + "); resize the images to "
                    + config.imageSize() + "×" + config.imageSize());
        }
        NDManager manager = pixels.getManager();

        NDArray cropped = shape.get(2) == rows * patch && shape.get(3) == columns * patch
                ? pixels
                : pixels.get(new NDIndex(":, :, :{}, :{}", rows * patch, columns * patch));
        NDArray unfolded = cropped.reshape(images, channels, rows, patch, columns, patch)
                .transpose(0, 2, 4, 1, 3, 5)
                .reshape(images, rows * columns, channels * patch * patch); // [n, P, C·p·p]
        NDArray patches = unfolded.matMul(patchWeight).addi(patchBias); // [n, P, D]
        String patchModule = embeddings + ".patch_embedding";
        hooks.onInput(patchModule, pixels);
        if (hooks.isHooked(patchModule)) {
            NDArray grid = patches.transpose(0, 2, 1).reshape(images, config.hiddenSize(), rows, columns);
            hooks.onOutput(patchModule, grid); // [n, D, S/p, S/p], the convolution's layout
        }

        String positionModule = embeddings + ".position_embedding";
        NDArray positionTable = positions.get(manager, new NDIndex(":")).expandDims(0); // [1, P, D]
        if (hooks.isHooked(positionModule)) {
            long[] positionIds = new long[config.numPatches()];
            for (int i = 0; i < positionIds.length; i++) {
                positionIds[i] = i;
            }
            hooks.onInput(positionModule, manager.create(positionIds, new Shape(1, positionIds.length)));
            hooks.onOutput(positionModule, positionTable);
        }
        NDArray h = patches.addi(positionTable); // [n, P, D]
        hooks.onOutput(embeddings, h);
        return h;
    }

    private String layerName(int index) {
        return name + ".encoder.layers." + index;
    }
}
