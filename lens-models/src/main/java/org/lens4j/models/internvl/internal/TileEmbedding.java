package org.lens4j.models.internvl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.Arrays;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.blocks.internal.WeightLoader.Init;
import org.lens4j.models.internvl.InternVisionConfig;

/**
 * The arithmetic of InternViT's embeddings, shared by both layouts: a patch convolution (stride =
 * kernel, with bias), a learned class token prepended, and learned absolute positions added. The
 * patch positions are resized bicubically when a tile's grid differs from the stored one.
 *
 * <pre>
 * n tiles   C channels   S tile side   p patch side   g = S / p   P = g²   G stored grid side   D hidden
 * </pre>
 */
final class TileEmbedding {

    private final InternVisionConfig config;
    private final NDArray kernel;
    private final NDArray bias;
    private final NDArray classToken;
    private final NDArray positions;

    private TileEmbedding(InternVisionConfig config, NDArray kernel, NDArray bias, NDArray classToken,
            NDArray positions) {
        this.config = config;
        this.kernel = kernel;
        this.bias = bias;
        this.classToken = classToken;
        this.positions = positions;
    }

    /**
     * Loads the convolution {@code convName.weight}/{@code .bias}, the class token {@code [1, 1, D]}
     * and the position table {@code [1, G² + 1, D]}.
     */
    static TileEmbedding load(WeightLoader weights, String convName, String classParam, String positionParam,
            InternVisionConfig config) {
        long hidden = config.hiddenSize();
        long patch = config.patchSize();
        long channels = config.numChannels();
        NDArray kernel = weights.load(convName + ".weight", Init.NORMAL, hidden, channels, patch, patch)
                .reshape(hidden, channels * patch * patch);
        NDArray bias = weights.load(convName + ".bias", Init.ZEROS, hidden);
        NDArray classToken = weights.load(classParam, Init.NORMAL, 1, 1, hidden);
        NDArray positions = weights.load(positionParam, Init.NORMAL, 1, config.numPatches() + 1L, hidden);
        return new TileEmbedding(config, kernel, bias, classToken, positions);
    }

    /**
     * Returns the patch grid side of {@code pixels [n, C, S, S]}.
     *
     * @throws IllegalArgumentException when the tiles are not square multiples of the patch size
     */
    int gridSide(Shape pixels) {
        long side = pixels.dimension() == 4 ? pixels.get(2) : -1;
        if (pixels.dimension() != 4 || pixels.get(1) != config.numChannels() || pixels.get(3) != side
                || side % config.patchSize() != 0 || side == 0) {
            throw new IllegalArgumentException("pixel_values has shape " + Arrays.toString(pixels.getShape())
                    + " but the vision tower expects square tiles [tiles, " + config.numChannels()
                    + ", S, S] with S a multiple of the patch size " + config.patchSize()
                    + " (the model was trained at S = " + config.imageSize() + ")");
        }
        return (int) (side / config.patchSize());
    }

    /** Applies the patch convolution to {@code pixels [n, C, S, S]}, giving {@code [n, P, D]} in raster order. */
    NDArray patches(NDArray pixels) {
        int g = gridSide(pixels.getShape());
        long n = pixels.getShape().get(0);
        long channels = config.numChannels();
        long p = config.patchSize();
        NDArray flat = pixels.reshape(n, channels, g, p, g, p)
                .transpose(0, 2, 4, 1, 3, 5)
                .reshape(n, (long) g * g, channels * p * p); // [n, P, C·p·p]
        return Linear.linear(flat, kernel, bias).singletonOrThrow(); // [n, P, D]
    }

    /** Rearranges {@code patches [n, P, D]} into the convolution's output layout {@code [n, D, g, g]}. */
    static NDArray asFeatureMap(NDArray patches) {
        Shape shape = patches.getShape();
        long g = Math.round(Math.sqrt(shape.get(1)));
        return patches.transpose(0, 2, 1).reshape(shape.get(0), shape.get(2), g, g);
    }

    /**
     * Prepends the class token to {@code patches [n, P, D]} and adds the positions.
     *
     * @param manager owns the resized position table when one is needed
     * @return {@code [n, P + 1, D]}
     */
    NDArray withClassAndPositions(NDArray patches, NDManager manager) {
        Shape shape = patches.getShape();
        NDArray classTokens = patches.get(new NDIndex(":, 0:1, :")).zerosLike().add(classToken); // [n, 1, D]
        NDArray tokens = NDArrays.concat(new NDList(classTokens, patches), 1); // [n, P + 1, D]
        return tokens.add(positionsFor((int) Math.round(Math.sqrt(shape.get(1))), manager)); // [n, P + 1, D]
    }

    private NDArray positionsFor(int g, NDManager manager) {
        int stored = config.patchesPerSide();
        if (g == stored) {
            return positions;
        }
        int hidden = config.hiddenSize();
        float[] table = positions.get(manager, new NDIndex("0, 1:, :")).toFloatArray(); // G²·D values
        float[] resized = PositionGrid.resize(table, stored, g, hidden);
        NDArray classPosition = positions.get(manager, new NDIndex("0:1, 0:1, :")); // [1, 1, D]
        NDArray patchPositions = manager.create(resized, new Shape(1, (long) g * g, hidden)); // [1, g², D]
        return NDArrays.concat(new NDList(classPosition, patchPositions), 1); // [1, g² + 1, D]
    }
}
