package org.lens4j.models.pixtral.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lens4j.models.blocks.Attention;
import org.lens4j.models.blocks.RmsNorm;
import org.lens4j.models.blocks.Rotary;
import org.lens4j.models.blocks.WeightInit;
import org.lens4j.models.blocks.WeightSource;

/**
 * The Pixtral vision encoder: a patch convolution without bias (computed as a matrix product),
 * {@code ln_pre}, a 2D rotary embedding and RMSNorm layers whose attention stays within each image.
 *
 * <p>Dimensions: {@code I} images, {@code C} channels, {@code P} patch side, image {@code i} has
 * {@code h_i × w_i} patches, {@code N = Σ h_i·w_i}. All images run as one sequence
 * {@code [1, N, width]}, image after image, each in row-major patch order. The rotary angle of the
 * patch in row {@code r}, column {@code c} is {@code r·f[0::2]} for the first quarter of the head
 * dimensions' pairs and {@code c·f[1::2]} for the rest, with {@code f = θ^(−2j/D)}.
 *
 * <p>In the Hugging Face layout the convolution runs once on the padded batch
 * {@code [I, C, H, W]} and reports {@code [I, width, H/P, W/P]}; in the mistral layout it runs once
 * per image on the image's own pixels and reports {@code [1, width, h_i, w_i]}, as each reference
 * does.
 */
final class PixtralVision {

    private final PixtralConfig.Vision config;
    private final PixtralNames names;
    private final RotaryConvention rotary;
    private final NDArray patchWeight;
    private final RmsNorm lnPre;
    private final List<TransformerBlock> layers = new ArrayList<>();
    private final float[] frequencies;

    PixtralVision(WeightSource weights, NDManager manager, PixtralConfig config) {
        this.config = config.vision();
        this.names = PixtralNames.of(config.layout());
        this.rotary = RotaryConvention.of(config.layout());
        PixtralConfig.Vision v = config.vision();
        int patch = v.patchSize();
        NDArray conv = weights.load(manager, names.patchConv() + ".weight",
                new Shape(v.hidden(), v.channels(), patch, patch), WeightInit.NORMAL);
        this.patchWeight = conv.reshape(v.hidden(), (long) v.channels() * patch * patch).transpose(1, 0);
        this.lnPre = RmsNorm.load(weights, manager, names.lnPre(), v.hidden(), 1e-5);
        TransformerBlock.LayerSpec spec = new TransformerBlock.LayerSpec(v.hidden(), v.intermediate(), v.heads(),
                v.heads(), v.headSize(), v.activation(), 1e-5);
        for (int i = 0; i < v.layers(); i++) {
            layers.add(new TransformerBlock(weights, manager, names.visionLayer(i), names.visionBlock(), spec, rotary));
        }
        try (NDManager scratch = manager.newSubManager()) {
            this.frequencies = Rotary.inverseFrequencies(scratch, v.headSize(), v.ropeTheta()).toFloatArray();
        }
    }

    /**
     * Encodes the images and returns every hidden state: the {@code ln_pre} output, then each
     * layer's output, each {@code [1, N, width]}.
     *
     * @param pixels {@code [I, C, H, W]}, each image in the top-left corner
     * @param patchGrid {@code [I][2]}: patch rows and columns of each image
     */
    List<NDArray> forward(NDArray pixels, int[][] patchGrid, Reporter reporter) {
        reporter.input(names.vision(), pixels);
        NDArray patches = embedPatches(pixels, patchGrid, reporter);
        NDArray hidden = reporter.call(names.lnPre(), patches, lnPre::apply);

        NDArray[] tables = rotaryTables(pixels.getManager(), patchGrid);
        reporter.output(names.visionRotary(), tables[0]);
        NDArray mask = blockMask(pixels.getManager(), patchGrid);

        List<NDArray> states = new ArrayList<>();
        states.add(hidden);
        reporter.input(names.visionTransformer(), hidden);
        for (TransformerBlock layer : layers) {
            hidden = layer.forward(hidden, tables[0], tables[1], mask, reporter);
            states.add(hidden);
        }
        reporter.output(names.visionTransformer(), hidden);
        reporter.output(names.vision(), hidden);
        return states;
    }

    /** Runs the convolution and concatenates each image's patches: {@code [1, N, width]}. */
    private NDArray embedPatches(NDArray pixels, int[][] patchGrid, Reporter reporter) {
        NDList rows = new NDList();
        if (names == PixtralNames.MISTRAL) {
            for (int i = 0; i < patchGrid.length; i++) {
                int h = patchGrid[i][0];
                int w = patchGrid[i][1];
                NDArray image = pixels.get(i + ":" + (i + 1) + ", :, :" + h * config.patchSize() + ", :"
                        + w * config.patchSize());
                NDArray grid = reporter.call(names.patchConv(), image, this::convolve);
                rows.add(grid.transpose(0, 2, 3, 1).reshape((long) h * w, config.hidden()));
            }
        } else {
            long side = config.patchSize();
            Shape s = pixels.getShape();
            NDArray whole = pixels.get(":, :, :" + s.get(2) / side * side + ", :" + s.get(3) / side * side);
            NDArray grid = reporter.call(names.patchConv(), whole, this::convolve);
            for (int i = 0; i < patchGrid.length; i++) {
                NDArray image = grid.get(i + ", :, :" + patchGrid[i][0] + ", :" + patchGrid[i][1]);
                rows.add(image.transpose(1, 2, 0).reshape((long) patchGrid[i][0] * patchGrid[i][1], config.hidden()));
            }
        }
        return NDArrays.concat(rows, 0).expandDims(0);
    }

    /** Applies the patch convolution: {@code [I, C, h·P, w·P]} → {@code [I, width, h, w]}. */
    private NDArray convolve(NDArray pixels) {
        Shape s = pixels.getShape();
        long images = s.get(0);
        long channels = s.get(1);
        long patch = config.patchSize();
        long h = s.get(2) / patch;
        long w = s.get(3) / patch;
        // [I, C, h, P, w, P] → [I, h, w, C, P, P] → [I·h·w, C·P²]
        NDArray flat = pixels.reshape(images, channels, h, patch, w, patch).transpose(0, 2, 4, 1, 3, 5)
                .reshape(images * h * w, channels * patch * patch);
        return flat.matMul(patchWeight).reshape(images, h, w, config.hidden()).transpose(0, 3, 1, 2);
    }

    /** Returns the cosine and sine tables {@code [N, D]} of the patches' 2D positions. */
    private NDArray[] rotaryTables(NDManager manager, int[][] patchGrid) {
        int pairs = config.headSize() / 2;
        int rowPairs = (pairs + 1) / 2;
        int count = 0;
        for (int[] grid : patchGrid) {
            count += grid[0] * grid[1];
        }
        float[] angles = new float[count * pairs];
        int patch = 0;
        for (int[] grid : patchGrid) {
            for (int r = 0; r < grid[0]; r++) {
                for (int c = 0; c < grid[1]; c++) {
                    int base = patch * pairs;
                    for (int j = 0; j < rowPairs; j++) {
                        angles[base + j] = r * frequencies[2 * j];
                    }
                    for (int j = 0; j < pairs - rowPairs; j++) {
                        angles[base + rowPairs + j] = c * frequencies[2 * j + 1];
                    }
                    patch++;
                }
            }
        }
        return rotary.tables(manager, angles, count, pairs);
    }

    /** Returns the additive mask {@code [1, 1, N, N]} that keeps attention within each image, or {@code null} for one image. */
    private static NDArray blockMask(NDManager manager, int[][] patchGrid) {
        if (patchGrid.length < 2) {
            return null;
        }
        int count = 0;
        for (int[] grid : patchGrid) {
            count += grid[0] * grid[1];
        }
        int[] owner = new int[count];
        int start = 0;
        for (int i = 0; i < patchGrid.length; i++) {
            int size = patchGrid[i][0] * patchGrid[i][1];
            Arrays.fill(owner, start, start + size, i);
            start += size;
        }
        float[] values = new float[count * count];
        for (int q = 0; q < count; q++) {
            for (int k = 0; k < count; k++) {
                values[q * count + k] = owner[q] == owner[k] ? 0f : Attention.MASKED;
            }
        }
        return manager.create(values, new Shape(1, 1, count, count));
    }
}
