package org.lens4j.models.qwen2vl;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.HookedModel;
import org.lens4j.core.checkpoint.SafetensorsCheckpoint;
import org.lens4j.core.module.ModuleTree;
import org.lens4j.models.LoadOptions;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.blocks.CheckpointWeights;
import org.lens4j.models.blocks.RandomWeights;
import org.lens4j.models.blocks.WeightSource;
import org.lens4j.models.qwen2vl.internal.QwenVLConfig;
import org.lens4j.models.qwen2vl.internal.QwenVLModel;
import org.lens4j.models.qwen2vl.internal.QwenVLModules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry points for Qwen2-VL and Qwen2.5-VL models without going through the adapter registry.
 *
 * <pre>{@code
 * try (HookedModel model = Qwen2VLModels.load(Path.of("Qwen2-VL-2B-Instruct"))) {
 *     SequenceInfo info = model.forward(inputs, hooks);
 * }
 * // The same architecture with seeded random weights, at the real depth but tiny widths:
 * try (HookedModel control = Qwen2VLModels.randomWeights(Qwen2VLModels.tinyConfig(), 7)) { ... }
 * }</pre>
 *
 * <p>The returned models own native memory: close them.
 */
public final class Qwen2VLModels {

    private static final Logger LOG = LoggerFactory.getLogger(Qwen2VLModels.class);

    private static final int UNREAD_NAMES_SHOWN = 5;

    private Qwen2VLModels() {
    }

    /**
     * Loads the model in {@code folder}: {@code config.json} and safetensors weights (one file or
     * shards with an index; BF16 and F16 are widened to float32).
     *
     * @throws IllegalArgumentException when the config is not Qwen2-VL or Qwen2.5-VL, or a tensor is
     *     missing or has another shape than the config implies
     */
    public static HookedModel load(Path folder) {
        return load(folder, LoadOptions.defaults());
    }

    /**
     * Loads the model in {@code folder}; with {@link LoadOptions#randomWeightsSeed()} set, reads only
     * {@code config.json} and initialises every weight randomly instead.
     */
    public static HookedModel load(Path folder, LoadOptions options) {
        Objects.requireNonNull(options, "options");
        ModelConfig config = ModelConfig.read(folder);
        if (options.randomWeightsSeed() != null) {
            return randomWeights(config, options.randomWeightsSeed());
        }
        QwenVLConfig parsed = QwenVLConfig.from(config);
        long started = System.nanoTime();
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder)) {
            CheckpointWeights weights = new CheckpointWeights(checkpoint, QwenVLModules.ALIASES,
                    String.valueOf(folder.getFileName()));
            QwenVLModel model = new QwenVLModel(parsed, weights, LensRuntime.newManager());
            reportUnread(weights.unreadNames(), folder);
            LOG.info("Loaded {} model from {} in {} ms", parsed.variant().modelType(), folder,
                    (System.nanoTime() - started) / 1_000_000);
            return model;
        }
    }

    /**
     * Builds a model of this configuration with seeded random weights (normal, standard deviation
     * 0.02; biases 0; norm weights 1), reading no checkpoint.
     *
     * @throws IllegalArgumentException when the config is not Qwen2-VL or Qwen2.5-VL
     */
    public static HookedModel randomWeights(ModelConfig config, long seed) {
        QwenVLConfig parsed = QwenVLConfig.from(config);
        WeightSource weights = RandomWeights.withSeed(seed);
        return new QwenVLModel(parsed, weights, LensRuntime.newManager());
    }

    /** Lists the modules of a model with this configuration, without reading weights. */
    public static ModuleTree listModules(ModelConfig config) {
        return QwenVLModules.list(QwenVLConfig.from(config));
    }

    /**
     * Returns a Qwen2-VL configuration with the depth and token ids of Qwen2-VL-2B-Instruct (32
     * vision blocks, 28 decoder layers, the full 151,936-token vocabulary, tied embeddings) and
     * tiny widths: vision width 32 with 2 heads, decoder width 64 with 4 query and 2 key/value
     * heads, {@code mrope_section} [2, 3, 3]. With random weights it is a control network of the
     * real shape that fits in about 45 MB.
     */
    public static ModelConfig tinyConfig() {
        JsonObject vision = new JsonObject();
        vision.addProperty("depth", 32);
        vision.addProperty("embed_dim", 32);
        vision.addProperty("num_heads", 2);
        vision.addProperty("mlp_ratio", 2);
        vision.addProperty("hidden_size", 64);
        vision.addProperty("in_chans", 3);
        vision.addProperty("patch_size", 14);
        vision.addProperty("spatial_merge_size", 2);
        vision.addProperty("temporal_patch_size", 2);

        JsonObject rope = new JsonObject();
        rope.addProperty("type", "mrope");
        JsonArray section = new JsonArray();
        section.add(2);
        section.add(3);
        section.add(3);
        rope.add("mrope_section", section);

        JsonObject config = new JsonObject();
        JsonArray architectures = new JsonArray();
        architectures.add("Qwen2VLForConditionalGeneration");
        config.add("architectures", architectures);
        config.addProperty("model_type", "qwen2_vl");
        config.addProperty("hidden_size", 64);
        config.addProperty("intermediate_size", 128);
        config.addProperty("num_hidden_layers", 28);
        config.addProperty("num_attention_heads", 4);
        config.addProperty("num_key_value_heads", 2);
        config.addProperty("hidden_act", "silu");
        config.addProperty("rms_norm_eps", 1e-6);
        config.addProperty("rope_theta", 1_000_000.0);
        config.add("rope_scaling", rope);
        config.addProperty("vocab_size", 151_936);
        config.addProperty("tie_word_embeddings", true);
        config.addProperty("bos_token_id", 151_643);
        config.addProperty("eos_token_id", 151_645);
        config.addProperty("vision_start_token_id", 151_652);
        config.addProperty("vision_end_token_id", 151_653);
        config.addProperty("vision_token_id", 151_654);
        config.addProperty("image_token_id", 151_655);
        config.addProperty("video_token_id", 151_656);
        config.add("vision_config", vision);
        return ModelConfig.of(config);
    }

    private static void reportUnread(Set<String> unread, Path folder) {
        if (unread.isEmpty()) {
            return;
        }
        LOG.warn("{} tensors of {} are not used by the model, for example {}", unread.size(), folder,
                unread.stream().limit(UNREAD_NAMES_SHOWN).toList());
    }
}
