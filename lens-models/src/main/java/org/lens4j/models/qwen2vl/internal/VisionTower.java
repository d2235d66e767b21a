package org.lens4j.models.qwen2vl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.Rotary;
import org.lens4j.models.blocks.Scopes;
import org.lens4j.models.blocks.WeightInit;
import org.lens4j.models.blocks.WeightSource;

/**
 * The vision tower {@code visual}: patch embedding, 2D rotary positions, the blocks and the merger.
 *
 * <p>Dimensions: {@code N} patch rows of all images of the call, {@code K = C · T · P²} values per
 * flattened patch, {@code E} block width, {@code D} head size, {@code M = N / merge²} merged
 * tokens. Input {@code pixel_values} {@code [N, K]}; output {@code [M, out]} in the order the
 * language model consumes (raster merge order). Every block capture is 2-D {@code [N, E]}; for
 * Qwen2.5-VL the rows of the blocks and of the merger are in window order.
 */
final class VisionTower {

    private static final String PROJ = "visual.patch_embed.proj";

    private final QwenVLConfig config;
    private final Linear patchProjection;
    private final List<VisionBlock> blocks = new ArrayList<>();
    private final PatchMerger merger;
    private final NDArray inverseFrequencies;

    VisionTower(WeightSource weights, NDManager manager, QwenVLConfig config) {
        QwenVLConfig.Vision v = config.vision();
        this.config = config;
        NDArray kernel = weights.load(manager, PROJ + ".weight",
                new Shape(v.width(), v.channels(), v.temporalPatchSize(), v.patchSize(), v.patchSize()),
                WeightInit.NORMAL);
        this.patchProjection = Linear.of(PROJ, kernel.reshape(v.width(), v.patchValues()), null);
        for (int i = 0; i < v.depth(); i++) {
            blocks.add(new VisionBlock(weights, manager, "visual.blocks." + i, config));
        }
        this.merger = new PatchMerger(weights, manager, config);
        this.inverseFrequencies = Rotary.inverseFrequencies(manager, v.headSize() / 2, 10_000.0);
    }

    /**
     * Encodes the images.
     *
     * @param pixels {@code [N, K]} float32, owned by the caller's forward scope
     * @param plan how many blocks to run and whether to run the merger
     * @return {@code [M, out]} in the manager of {@code pixels}, or the last block output
     *     {@code [N, E]} when the plan skips the merger
     */
    NDArray forward(NDArray pixels, VisionGeometry geometry, RunPlan plan, ForwardHooks hooks) {
        return Scopes.step(pixels, x -> {
            hooks.onInput("visual", x);
            NDArray embedded = embed(x, hooks);
            NDArray angles = rotaryAngles(x.getManager(), geometry, hooks);

            boolean windowed = config.variant() == QwenVLConfig.Variant.QWEN2_5_VL;
            VisionGeometry.WindowOrder windows = windowed ? geometry.windowOrder(windowTokens()) : null;
            NDArray hidden = windowed ? regroup(embedded, windows.order()) : embedded;
            NDArray anglesInOrder = windowed ? regroup(angles, windows.order()) : angles;

            NDArray doubled = anglesInOrder.concat(anglesInOrder, -1);
            NDArray cos = doubled.cos();
            NDArray sin = doubled.sin();
            for (int i = 0; i < plan.visionBlocks(); i++) {
                int[] bounds = !windowed || config.vision().isFullAttention(i) ? geometry.frameBounds() : windows.bounds();
                hidden = blocks.get(i).forward(hidden, cos, sin, bounds, hooks);
            }

            if (!plan.runsMerger()) {
                return hidden;
            }
            NDArray merged = merger.forward(hidden, hooks);
            NDArray out = windowed ? merged.get(new NDIndex("{}", indexArray(x.getManager(), windows.inverse()))) : merged;
            hooks.onOutput("visual", out);
            return out;
        });
    }

    private NDArray embed(NDArray pixels, ForwardHooks hooks) {
        long rows = pixels.getShape().get(0);
        hooks.onInput("visual.patch_embed", pixels);
        NDArray embedded = patchProjection.apply(pixels);
        if (hooks.isHooked(PROJ)) {
            QwenVLConfig.Vision v = config.vision();
            hooks.onInput(PROJ, pixels.reshape(rows, v.channels(), v.temporalPatchSize(), v.patchSize(), v.patchSize()));
            hooks.onOutput(PROJ, embedded.reshape(rows, v.width(), 1, 1, 1));
        }
        hooks.onOutput("visual.patch_embed", embedded);
        return embedded;
    }

    /** Returns the per-row rotary angles {@code [N, D / 2]}: row frequencies, then column frequencies. */
    private NDArray rotaryAngles(NDManager manager, VisionGeometry geometry, ForwardHooks hooks) {
        NDArray positions = manager.arange(geometry.maxGridSide()).toType(DataType.FLOAT32, false);
        NDArray table = positions.expandDims(1).mul(inverseFrequencies);
        hooks.onOutput("visual.rotary_pos_emb", table);
        NDArray coordinates = indexArray(manager, geometry.patchCoordinates()).reshape(geometry.patchCount(), 2);
        NDArray angles = table.get(new NDIndex("{}", coordinates));
        return angles.reshape(geometry.patchCount(), -1);
    }

    /** Reorders runs of {@code merge²} rows: row run {@code k} of the result is run {@code order[k]} of {@code x}. */
    private NDArray regroup(NDArray x, int[] order) {
        long rows = x.getShape().get(0);
        long width = x.getShape().get(1);
        int unit = config.vision().mergeSize() * config.vision().mergeSize();
        NDArray runs = x.reshape(rows / unit, unit, width);
        return runs.get(new NDIndex("{}", indexArray(x.getManager(), order))).reshape(rows, width);
    }

    private int windowTokens() {
        QwenVLConfig.Vision v = config.vision();
        return v.windowSize() / v.mergeSize() / v.patchSize();
    }

    private static NDArray indexArray(NDManager manager, int[] values) {
        long[] longs = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            longs[i] = values[i];
        }
        return manager.create(longs);
    }

    private static NDArray indexArray(NDManager manager, long[] values) {
        return manager.create(values);
    }
}
