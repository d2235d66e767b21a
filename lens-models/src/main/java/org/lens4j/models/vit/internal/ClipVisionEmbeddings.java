package org.lens4j.models.vit.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.Arrays;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.blocks.internal.WeightLoader.Init;
import org.lens4j.models.vit.ClipVisionConfig;

/**
 * {@code CLIPVisionEmbeddings}: a patch convolution (stride = kernel, no bias), a learned class
 * token prepended, and learned absolute position embeddings added.
 *
 * <pre>
 * n images   C channels   S image side   p patch side   g = S / p   P = g²   D hidden
 * </pre>
 */
public final class ClipVisionEmbeddings {

    private final String name;
    private final ClipVisionConfig config;
    private final NDArray patchWeight;
    private final NDArray classEmbedding;
    private final NDArray positionWeight;

    private ClipVisionEmbeddings(String name, ClipVisionConfig config, NDArray patchWeight,
            NDArray classEmbedding, NDArray positionWeight) {
        this.name = name;
        this.config = config;
        this.patchWeight = patchWeight;
        this.classEmbedding = classEmbedding;
        this.positionWeight = positionWeight;
    }

    /** Lists the module and its two children in registration order. */
    public static void list(ModuleListing out, String name) {
        out.add(name, "CLIPVisionEmbeddings", ModuleKind.VISION);
        // [n, D, g, g] and [1, P + 1, D]: no [images, tokens, hidden] layout.
        out.add(name + ".patch_embedding", "Conv2d", ModuleKind.OTHER);
        out.add(name + ".position_embedding", "Embedding", ModuleKind.OTHER);
    }

    /** Loads the patch kernel (kept flattened to {@code [D, C·p·p]}), class token and positions. */
    public static ClipVisionEmbeddings load(WeightLoader weights, String name, ClipVisionConfig config) {
        long hidden = config.hiddenSize();
        long patch = config.patchSize();
        NDArray kernel = weights.load(name + ".patch_embedding.weight", Init.NORMAL,
                hidden, config.numChannels(), patch, patch);
        NDArray flat = kernel.reshape(hidden, config.numChannels() * patch * patch);
        NDArray classEmbedding = weights.load(name + ".class_embedding", Init.NORMAL, hidden);
        NDArray positions = weights.load(name + ".position_embedding.weight", Init.NORMAL,
                config.numPatches() + 1L, hidden);
        return new ClipVisionEmbeddings(name, config, flat, classEmbedding, positions);
    }

    /**
     * Embeds {@code pixels [n, C, S, S]}.
     *
     * @param manager the manager for arrays built from the weights
     * @return {@code [n, P + 1, D]}
     * @throws IllegalArgumentException when the pixel shape does not match the configuration
     */
    public NDArray forward(NDArray pixels, NDManager manager, ForwardHooks hooks) {
        checkShape(pixels.getShape());
        long n = pixels.getShape().get(0);
        long channels = config.numChannels();
        long g = config.patchesPerSide();
        long p = config.patchSize();
        long hidden = config.hiddenSize();
        hooks.onInput(name, pixels);

        String patchName = name + ".patch_embedding";
        hooks.onInput(patchName, pixels);
        NDArray patches = pixels.reshape(n, channels, g, p, g, p)
                .transpose(0, 2, 4, 1, 3, 5)
                .reshape(n, g * g, channels * p * p); // [n, P, C·p·p], rows in raster order
        NDArray patchEmbeds = Linear.linear(patches, patchWeight).singletonOrThrow(); // [n, P, D]
        if (hooks.isHooked(patchName)) {
            hooks.onOutput(patchName, patchEmbeds.transpose(0, 2, 1).reshape(n, hidden, g, g)); // [n, D, g, g]
        }

        NDArray classTokens = patchEmbeds.get(new NDIndex(":, 0:1, :")).zerosLike().add(classEmbedding); // [n, 1, D]
        NDArray tokens = NDArrays.concat(new NDList(classTokens, patchEmbeds), 1); // [n, P + 1, D]

        String positionName = name + ".position_embedding";
        if (hooks.isHooked(positionName)) {
            hooks.onInput(positionName, manager.arange(0, (int) (g * g + 1)).toType(DataType.INT64, false).expandDims(0)); // [1, P + 1]
        }
        NDArray positions = positionWeight.get(manager, new NDIndex(":")).expandDims(0); // [1, P + 1, D]
        hooks.onOutput(positionName, positions);

        NDArray embeddings = tokens.add(positions); // [n, P + 1, D]
        hooks.onOutput(name, embeddings);
        return embeddings;
    }

    private void checkShape(Shape shape) {
        long side = config.imageSize();
        if (shape.dimension() != 4 || shape.get(1) != config.numChannels()
                || shape.get(2) != side || shape.get(3) != side) {
            throw new IllegalArgumentException("pixel_values has shape " + Arrays.toString(shape.getShape())
                    + " but the vision tower expects [images, " + config.numChannels() + ", " + side + ", "
                    + side + "]; resize and crop images to image_size " + side);
        }
    }
}
