package org.lens4j.models.llavanext.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.llava.internal.ImageFeatures;
import org.lens4j.models.llava.internal.LlavaFamilyModel;
import org.lens4j.models.llavanext.AnyResolution;
import org.lens4j.models.llavanext.LlavaNextConfig;
import org.lens4j.models.vit.internal.InputReader;

/**
 * {@code LlavaNextForConditionalGeneration}: every image arrives as AnyRes tiles, all tiles of the
 * batch go through the vision tower together (so vision modules report {@code [tiles, P + 1, V]}),
 * and each image's features are packed with {@link FeaturePacker}.
 *
 * <pre>
 * B images   M tiles per image, padded   C channels   S tile side
 * </pre>
 */
public final class LlavaNextModel extends LlavaFamilyModel {

    /** The family id. */
    public static final String FAMILY = "llava_next";

    /** The input holding each image's original {@code (height, width)}, int64 {@code [B, 2]}. */
    public static final String IMAGE_SIZES = "image_sizes";

    private final LlavaNextConfig nextConfig;
    private final FeaturePacker packer;

    private LlavaNextModel(String modelId, ModuleTree modules, NDManager manager, WeightLoader weights,
            LlavaNextConfig config) {
        super(FAMILY, modelId, modules, manager, weights, config.llava());
        this.nextConfig = config;
        this.packer = FeaturePacker.load(weights, config);
    }

    /** Builds the model, taking ownership of {@code manager} (the loader's) even when loading fails. */
    public static LlavaNextModel load(String modelId, ModuleTree modules, NDManager manager, WeightLoader weights,
            LlavaNextConfig config) {
        try {
            return new LlavaNextModel(modelId, modules, manager, weights, config);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    protected ImageFeatures encodeImages(ModelInputs inputs, NDManager scope, ForwardHooks hooks) {
        NDArray pixels = inputs.require(ModelInputs.PIXEL_VALUES);
        long[][] sizes = InputReader.matrix(inputs.require(IMAGE_SIZES), IMAGE_SIZES);
        int[] tileCounts = tileCounts(sizes);
        NDArray tiles = gatherTiles(pixels, tileCounts); // [Σ tiles, C, S, S]

        NDArray features = towerFeatures(tiles, scope, hooks); // [Σ tiles, T, D]
        NDList packed = new NDList();
        int[] tokensPerImage = new int[tileCounts.length];
        int offset = 0;
        for (int image = 0; image < tileCounts.length; image++) {
            NDArray imageFeatures = features.get(new NDIndex(offset + ":" + (offset + tileCounts[image])));
            NDArray rows = packer.pack(imageFeatures, (int) sizes[image][0], (int) sizes[image][1]);
            packed.add(rows);
            tokensPerImage[image] = Math.toIntExact(rows.getShape().get(0));
            offset += tileCounts[image];
        }
        return new ImageFeatures(NDArrays.concat(packed, 0), tokensPerImage);
    }

    private int[] tileCounts(long[][] sizes) {
        if (sizes[0].length != 2) {
            throw new IllegalArgumentException("image_sizes must be [images, 2] (height, width), got [" + sizes.length
                    + ", " + sizes[0].length + "]");
        }
        int[] counts = new int[sizes.length];
        for (int image = 0; image < sizes.length; image++) {
            counts[image] = AnyResolution.tileCount(Math.toIntExact(sizes[image][0]), Math.toIntExact(sizes[image][1]),
                    nextConfig.imageGridPinpoints(), config().vision().imageSize());
        }
        return counts;
    }

    /**
     * Takes the first {@code counts[i]} tiles of image {@code i} from {@code [B, M, C, S, S]}, or
     * checks that {@code [Σ tiles, C, S, S]} already contains them all.
     */
    private static NDArray gatherTiles(NDArray pixels, int[] counts) {
        Shape shape = pixels.getShape();
        int total = Arrays.stream(counts).sum();
        if (shape.dimension() == 4) {
            if (shape.get(0) != total) {
                throw new IllegalArgumentException("pixel_values contains " + shape.get(0) + " tiles but image_sizes"
                        + " imply " + total + " (" + Arrays.toString(counts) + " per image)");
            }
            return pixels;
        }
        if (shape.dimension() != 5 || shape.get(0) != counts.length) {
            throw new IllegalArgumentException("pixel_values has shape " + Arrays.toString(shape.getShape())
                    + " but LLaVA-NeXT expects [" + counts.length + " images, tiles, channels, height, width]"
                    + " matching image_sizes");
        }
        NDList parts = new NDList();
        for (int image = 0; image < counts.length; image++) {
            if (counts[image] > shape.get(1)) {
                throw new IllegalArgumentException("image " + image + " needs " + counts[image]
                        + " tiles but pixel_values has room for " + shape.get(1));
            }
            parts.add(pixels.get(new NDIndex(image + ", 0:" + counts[image]))); // [tiles, C, S, S]
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
    }
}
