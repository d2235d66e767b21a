package org.lens4j.models.internvl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Optional;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.models.blocks.internal.WeightLoader;
import org.lens4j.models.internvl.InternVLChatConfig;
import org.lens4j.models.llama.LlamaForCausalLM;

/**
 * The remote-code {@code InternVLChatModel}: each tile of {@code pixel_values [n, C, S, S]} gives
 * {@code T} image tokens. Tiles whose optional {@code image_flags} entry is 0 are encoded but
 * dropped, as the reference does; the remaining features replace the {@code <IMG_CONTEXT>}
 * positions in order.
 */
public final class InternVLChatModel extends InternVLFamilyModel {

    /** The family id. */
    public static final String FAMILY = "internvl_chat";

    /** Optional input: {@code [n, 1]} or {@code [n]}, 1 for tiles whose features are used. */
    public static final String IMAGE_FLAGS = "image_flags";

    private final InternVLChatConfig config;
    private final InternVisionModel visionModel;
    private final ShuffleProjector projector;

    private InternVLChatModel(String modelId, ModuleTree modules, NDManager manager, WeightLoader weights,
            InternVLChatConfig config, long imageContextToken) {
        super(FAMILY, modelId, modules, manager,
                LlamaForCausalLM.load(weights, InternVLChatLayout.LANGUAGE_MODEL, config.text()),
                imageContextToken, config.shuffleFactor(), config.transposedShuffle());
        this.config = config;
        this.visionModel = InternVisionModel.load(weights, InternVLChatLayout.VISION_MODEL, config.vision());
        int factor = config.shuffleFactor();
        this.projector = ShuffleProjector.load(weights, InternVLChatLayout.PROJECTOR_NAMES,
                (long) config.vision().hiddenSize() * factor * factor, config.text().hiddenSize(),
                InternVLChatLayout.PROJECTOR_ACTIVATION);
    }

    /**
     * Builds the model, taking ownership of {@code manager} (the loader's) even when loading fails.
     *
     * @param imageContextToken the id of {@code <IMG_CONTEXT>}
     */
    public static InternVLChatModel load(String modelId, ModuleTree modules, NDManager manager, WeightLoader weights,
            InternVLChatConfig config, long imageContextToken) {
        try {
            return new InternVLChatModel(modelId, modules, manager, weights, config, imageContextToken);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    NDArray encodeTiles(ModelInputs inputs, NDManager scope, ForwardHooks hooks) {
        NDArray pixels = inputs.require(ModelInputs.PIXEL_VALUES);
        long tiles = pixels.getShape().get(0);
        Optional<long[]> flags = imageFlags(inputs, tiles);

        NDArray hidden = visionModel.forward(pixels, config.selectLayer(), scope, hooks); // [n, P + 1, V]
        NDArray projected = projector.forward(shuffledPatches(hidden), hooks); // [n, T, D]
        if (flags.isPresent()) {
            projected = projected.get(new NDIndex("{}", scope.create(keptTiles(flags.get())))); // [n', T, D]
        }
        Shape shape = projected.getShape();
        return projected.reshape(shape.get(0) * shape.get(1), shape.get(2)); // [n'·T, D]
    }

    private static Optional<long[]> imageFlags(ModelInputs inputs, long tiles) {
        Optional<NDArray> provided = inputs.find(IMAGE_FLAGS);
        if (provided.isEmpty()) {
            return Optional.empty();
        }
        Shape shape = provided.get().getShape();
        boolean fits = shape.get(0) == tiles
                && (shape.dimension() == 1 || (shape.dimension() == 2 && shape.get(1) == 1));
        if (!fits) {
            throw new IllegalArgumentException("image_flags has shape " + Arrays.toString(shape.getShape())
                    + " but pixel_values has " + tiles + " tiles; give one flag per tile, [tiles, 1]");
        }
        long[] values = provided.get().toType(DataType.INT64, false).toLongArray();
        for (long value : values) {
            if (value != 0 && value != 1) {
                throw new IllegalArgumentException("image_flags must contain only 0 or 1, found " + value);
            }
        }
        return Optional.of(values);
    }

    private static long[] keptTiles(long[] flags) {
        int kept = 0;
        long[] out = new long[flags.length];
        for (int tile = 0; tile < flags.length; tile++) {
            if (flags[tile] == 1) {
                out[kept++] = tile;
            }
        }
        return Arrays.copyOf(out, kept);
    }
}
