package org.lens4j.models.qwen2vl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.lens4j.core.capture.ForwardHooks;
import org.lens4j.models.blocks.Attention;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.Rotary;
import org.lens4j.models.blocks.WeightSource;

/**
 * Vision self-attention with a fused {@code qkv} projection, 2D rotary positions and attention
 * restricted to segments of rows (one image frame, or one Qwen2.5-VL window).
 *
 * <p>Dimensions: {@code N} patch rows, {@code E} width, {@code H} heads, {@code D = E / H}.
 */
final class VisionAttention {

    private final String name;
    private final Linear qkv;
    private final Linear proj;
    private final int heads;
    private final float scale;

    VisionAttention(WeightSource weights, NDManager manager, String name, int width, int heads) {
        this.name = name;
        this.qkv = Linear.load(weights, manager, name + ".qkv", width, 3L * width, true);
        this.proj = Linear.load(weights, manager, name + ".proj", width, width, true);
        this.heads = heads;
        this.scale = (float) Math.pow(width / heads, -0.5);
    }

    /**
     * Attends within each segment.
     *
     * @param x {@code [N, E]}
     * @param cos {@code [N, D]}
     * @param sin {@code [N, D]}
     * @param bounds segment row bounds, starting with 0 and ending with {@code N}
     * @return {@code [N, E]}
     */
    NDArray forward(NDArray x, NDArray cos, NDArray sin, int[] bounds, ForwardHooks hooks) {
        hooks.onInput(name, x);
        long rows = x.getShape().get(0);
        long width = x.getShape().get(1);

        NDArray fused = qkv.forward(x, hooks);
        NDArray split = fused.reshape(rows, 3, heads, width / heads).transpose(1, 2, 0, 3);
        NDArray query = Rotary.apply(split.get(0), cos, sin);
        NDArray key = Rotary.apply(split.get(1), cos, sin);
        NDArray value = split.get(2);

        NDList segments = new NDList();
        for (int s = 0; s + 1 < bounds.length; s++) {
            String range = ":, " + bounds[s] + ":" + bounds[s + 1] + ", :";
            segments.add(attend(query.get(range), key.get(range), value.get(range)));
        }
        NDArray attended = segments.size() == 1 ? segments.get(0) : NDArrays.concat(segments, 1);

        NDArray merged = attended.transpose(1, 0, 2).reshape(rows, width);
        NDArray out = proj.forward(merged, hooks);
        hooks.onOutput(name, out);
        return out;
    }

    private NDArray attend(NDArray query, NDArray key, NDArray value) {
        NDArray attended = Attention.scaledDotProduct(query.expandDims(0), key.expandDims(0), value.expandDims(0),
                null, scale);
        return attended.squeeze(0);
    }
}
