package org.lens4j.models.qwen2vl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.image.GridThw;
import org.lens4j.core.image.ProcessedImage;
import org.lens4j.core.image.Qwen2VlImageProcessor;
import org.lens4j.core.image.RgbImage;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.qwen2vl.internal.QwenVLModel;

/**
 * Configurations and single-image inputs for the Qwen2-VL benchmarks, built without a tokenizer
 * file or a checkpoint.
 */
final class BenchmarkInputs {

    /**
     * The Qwen2-VL chat template for one image and the prompt "Is there a defect in this fabric?",
     * as the Qwen2 tokenizer encodes it, up to and including {@code <|vision_start|>}.
     */
    static final long[] PROMPT_HEAD = {151644, 8948, 198, 2610, 525, 264, 10950, 17847, 13, 151645, 198, 151644,
        872, 198, 151652};
    /** The same encoding from {@code <|vision_end|>} to the end of the generation prompt. */
    static final long[] PROMPT_TAIL = {151653, 3872, 1052, 264, 22219, 304, 419, 13055, 30, 151645, 198, 151644,
        77091, 198};
    /** The id of {@code <|image_pad|>}. */
    static final long IMAGE_PAD = 151655;

    private static final int MERGE_UNIT = 2 * 2;

    private BenchmarkInputs() {
    }

    /**
     * Returns a Qwen2-VL configuration of middle size with the real vocabulary and token ids: vision
     * 8 blocks of width 256 with 4 heads (head size 64), merger output 512; decoder 8 layers of width
     * 512 with 8 query and 2 key/value heads (head size 64), MLP width 1536, {@code mrope_section}
     * [8, 12, 12], tied embeddings.
     */
    static ModelConfig midSizeConfig() {
        // Start from the tiny configuration, which carries the real vocabulary and token ids.
        JsonObject config = Qwen2VLModels.tinyConfig().json();
        JsonObject vision = config.getAsJsonObject("vision_config");
        vision.addProperty("depth", 8);
        vision.addProperty("embed_dim", 256);
        vision.addProperty("num_heads", 4);
        vision.addProperty("mlp_ratio", 4);
        vision.addProperty("hidden_size", 512);

        JsonArray section = new JsonArray();
        section.add(8);
        section.add(12);
        section.add(12);
        config.getAsJsonObject("rope_scaling").add("mrope_section", section);

        config.addProperty("hidden_size", 512);
        config.addProperty("intermediate_size", 1536);
        config.addProperty("num_hidden_layers", 8);
        config.addProperty("num_attention_heads", 8);
        config.addProperty("num_key_value_heads", 2);
        return ModelConfig.of(config);
    }

    /** Returns a {@code side × side} image of seeded uniform random pixels. */
    static RgbImage randomImage(int side, long seed) {
        byte[] rgb = new byte[side * side * 3];
        new SplittableRandom(seed).nextBytes(rgb);
        return RgbImage.of(side, side, rgb);
    }

    /**
     * Builds the inputs of one image and the fabric prompt: {@code pixel_values} and
     * {@code image_grid_thw} from {@code processed}, {@code input_ids} with {@code <|image_pad|>}
     * expanded to one token per merged patch, and an all-ones {@code attention_mask}.
     *
     * @param manager owns the created arrays
     */
    static ModelInputs single(NDManager manager, ProcessedImage processed) {
        GridThw grid = processed.gridThw().orElseThrow();
        long[] ids = tokenIds(grid);
        long[] mask = new long[ids.length];
        Arrays.fill(mask, 1);

        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put(ModelInputs.INPUT_IDS, manager.create(ids, new Shape(1, ids.length)));
        tensors.put(ModelInputs.ATTENTION_MASK, manager.create(mask, new Shape(1, ids.length)));
        tensors.put(ModelInputs.PIXEL_VALUES, manager.create(processed.pixelValues(), new Shape(processed.shape())));
        tensors.put(QwenVLModel.IMAGE_GRID_THW, manager.create(grid.toArray(), new Shape(1, 3)));
        return ModelInputs.of(tensors);
    }

    /** Processes a seeded random {@code side × side} image with the default Qwen2-VL settings. */
    static ProcessedImage processedImage(int side, long seed) {
        return Qwen2VlImageProcessor.withDefaults().process(randomImage(side, seed));
    }

    /** Returns the prompt's token ids with {@code t · h · w / 4} image tokens for {@code grid}. */
    static long[] tokenIds(GridThw grid) {
        int imageTokens = grid.patches() / MERGE_UNIT;
        long[] ids = new long[PROMPT_HEAD.length + imageTokens + PROMPT_TAIL.length];
        System.arraycopy(PROMPT_HEAD, 0, ids, 0, PROMPT_HEAD.length);
        Arrays.fill(ids, PROMPT_HEAD.length, PROMPT_HEAD.length + imageTokens, IMAGE_PAD);
        System.arraycopy(PROMPT_TAIL, 0, ids, PROMPT_HEAD.length + imageTokens, PROMPT_TAIL.length);
        return ids;
    }
}
