package org.lens4j.models.pixtral;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lens4j.core.checkpoint.SafetensorsCheckpoint;
import org.lens4j.core.checkpoint.SafetensorsWriter;
import org.lens4j.core.checkpoint.TensorData;
import org.lens4j.models.ModelConfig;

/**
 * Converts a transformers Pixtral checkpoint back to the mistral_inference layout, the inverse of
 * transformers' {@code convert_pixtral_weights_to_hf.py}: renamed tensors, query and key rows
 * un-permuted from rotate-half back to interleaved pairs, and a {@code params.json}.
 *
 * <p>It also maps mistral_inference module names to the transformers modules whose outputs they
 * equal, so the golden activations can check a mistral-layout model.
 */
final class MistralLayout {

    /** Mistral module pattern → transformers module, in the order tried. */
    private static final Map<Pattern, String> MODULES = new LinkedHashMap<>();

    static {
        String visionLayer = "vision_encoder\\.transformer\\.layers\\.(\\d+)";
        String hfVision = "vision_tower.transformer.layers.$1";
        module(visionLayer + "\\.attention\\.wq", hfVision + ".attention.q_proj");
        module(visionLayer + "\\.attention\\.wk", hfVision + ".attention.k_proj");
        module(visionLayer + "\\.attention\\.wv", hfVision + ".attention.v_proj");
        module(visionLayer + "\\.attention\\.wo", hfVision + ".attention.o_proj");
        module(visionLayer + "\\.feed_forward\\.w1", hfVision + ".feed_forward.gate_proj");
        module(visionLayer + "\\.feed_forward\\.w2", hfVision + ".feed_forward.down_proj");
        module(visionLayer + "\\.feed_forward\\.w3", hfVision + ".feed_forward.up_proj");
        module(visionLayer + "(\\..+)?", hfVision + "$2");
        module("vision_encoder(\\..+)?", "vision_tower$1");
        module("vision_language_adapter\\.w_in", "multi_modal_projector.linear_1");
        module("vision_language_adapter\\.gelu", "multi_modal_projector.act");
        module("vision_language_adapter\\.w_out", "multi_modal_projector.linear_2");
        module("vision_language_adapter", "multi_modal_projector");
        String layer = "layers\\.(\\d+)";
        String hfLayer = "language_model.model.layers.$1";
        module(layer + "\\.attention\\.wq", hfLayer + ".self_attn.q_proj");
        module(layer + "\\.attention\\.wk", hfLayer + ".self_attn.k_proj");
        module(layer + "\\.attention\\.wv", hfLayer + ".self_attn.v_proj");
        module(layer + "\\.attention\\.wo", hfLayer + ".self_attn.o_proj");
        module(layer + "\\.attention", hfLayer + ".self_attn");
        module(layer + "\\.attention_norm", hfLayer + ".input_layernorm");
        module(layer + "\\.ffn_norm", hfLayer + ".post_attention_layernorm");
        module(layer + "\\.feed_forward\\.w1", hfLayer + ".mlp.gate_proj");
        module(layer + "\\.feed_forward\\.w2", hfLayer + ".mlp.down_proj");
        module(layer + "\\.feed_forward\\.w3", hfLayer + ".mlp.up_proj");
        module(layer + "\\.feed_forward", hfLayer + ".mlp");
        module(layer, hfLayer);
        module("tok_embeddings", "language_model.model.embed_tokens");
        module("norm", "language_model.model.norm");
        module("output", "language_model.lm_head");
        module("", "language_model.lm_head");
    }

    private MistralLayout() {
    }

    private static void module(String mistral, String huggingFace) {
        MODULES.put(Pattern.compile(mistral), huggingFace);
    }

    /** Returns the transformers module whose output the mistral module's output equals, or {@code null}. */
    static String huggingFaceModule(String mistralModule) {
        for (Map.Entry<Pattern, String> entry : MODULES.entrySet()) {
            Matcher matcher = entry.getKey().matcher(mistralModule);
            if (matcher.matches()) {
                // A group that did not take part in the match is replaced by nothing.
                return matcher.replaceFirst(entry.getValue());
            }
        }
        return null;
    }

    /**
     * Returns the head count whose rows the mistral module's output permutes relative to transformers
     * (queries and keys), or 0 when the features are in the same order.
     */
    static int permutedHeads(String mistralModule, ModelConfig hfConfig) {
        boolean vision = mistralModule.startsWith("vision_encoder.");
        ModelConfig section = hfConfig.section(vision ? "vision_config" : "text_config");
        if (mistralModule.endsWith(".attention.wq")) {
            return section.getInt("num_attention_heads", 0);
        }
        if (mistralModule.endsWith(".attention.wk")) {
            return vision ? section.getInt("num_attention_heads", 0) : section.getInt("num_key_value_heads", 0);
        }
        return 0;
    }

    /**
     * Reorders the last dimension of a transformers query or key output into mistral_inference's
     * order: per head, feature {@code 2i + t} is transformers feature {@code t·D/2 + i}.
     */
    static float[] interleave(float[] values, int width, int heads) {
        int headSize = width / heads;
        int half = headSize / 2;
        float[] out = new float[values.length];
        for (int row = 0; row < values.length / width; row++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < half; i++) {
                    for (int t = 0; t < 2; t++) {
                        out[row * width + h * headSize + 2 * i + t] = values[row * width + h * headSize + t * half + i];
                    }
                }
            }
        }
        return out;
    }

    /**
     * Writes {@code consolidated.safetensors} and {@code params.json} for the transformers
     * checkpoint in {@code source} into {@code target}.
     */
    static void convert(Path source, Path target) throws IOException {
        ModelConfig config = ModelConfig.read(source);
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(source)) {
            for (String name : checkpoint.names()) {
                long[] shape = checkpoint.info(name).shape();
                float[] values = checkpoint.readFloats(name);
                String renamed = tensorName(name);
                int heads = permutedHeads(renamed.replace(".weight", ""), config);
                if (heads > 0) {
                    values = unpermuteRows(values, shape, heads);
                }
                tensors.put(renamed, TensorData.ofFloats(shape, values));
            }
        }
        SafetensorsWriter.write(target.resolve("consolidated.safetensors"), tensors);
        Files.writeString(target.resolve("params.json"), params(config).toString());
    }

    /** Un-permutes query or key rows: per head, transformers row {@code t·D/2 + i} becomes row {@code 2i + t}. */
    private static float[] unpermuteRows(float[] values, long[] shape, int heads) {
        int columns = (int) shape[1];
        int headSize = (int) shape[0] / heads;
        int half = headSize / 2;
        float[] out = new float[values.length];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < half; i++) {
                for (int t = 0; t < 2; t++) {
                    int from = h * headSize + t * half + i;
                    int to = h * headSize + 2 * i + t;
                    System.arraycopy(values, from * columns, out, to * columns, columns);
                }
            }
        }
        return out;
    }

    private static String tensorName(String hf) {
        for (String[] rule : List.of(
                new String[] {"vision_tower\\.transformer\\.layers\\.(\\d+)\\.attention\\.q_proj", "vision_encoder.transformer.layers.$1.attention.wq"},
                new String[] {"vision_tower\\.transformer\\.layers\\.(\\d+)\\.attention\\.k_proj", "vision_encoder.transformer.layers.$1.attention.wk"},
                new String[] {"vision_tower\\.transformer\\.layers\\.(\\d+)\\.attention\\.v_proj", "vision_encoder.transformer.layers.$1.attention.wv"},
                new String[] {"vision_tower\\.transformer\\.layers\\.(\\d+)\\.attention\\.o_proj", "vision_encoder.transformer.layers.$1.attention.wo"},
                new String[] {"vision_tower\\.transformer\\.layers\\.(\\d+)\\.feed_forward\\.gate_proj", "vision_encoder.transformer.layers.$1.feed_forward.w1"},
                new String[] {"vision_tower\\.transformer\\.layers\\.(\\d+)\\.feed_forward\\.down_proj", "vision_encoder.transformer.layers.$1.feed_forward.w2"},
                new String[] {"vision_tower\\.transformer\\.layers\\.(\\d+)\\.feed_forward\\.up_proj", "vision_encoder.transformer.layers.$1.feed_forward.w3"},
                new String[] {"vision_tower\\.", "vision_encoder."},
                new String[] {"multi_modal_projector\\.linear_1", "vision_language_adapter.w_in"},
                new String[] {"multi_modal_projector\\.linear_2", "vision_language_adapter.w_out"},
                new String[] {"language_model\\.model\\.layers\\.(\\d+)\\.self_attn\\.q_proj", "layers.$1.attention.wq"},
                new String[] {"language_model\\.model\\.layers\\.(\\d+)\\.self_attn\\.k_proj", "layers.$1.attention.wk"},
                new String[] {"language_model\\.model\\.layers\\.(\\d+)\\.self_attn\\.v_proj", "layers.$1.attention.wv"},
                new String[] {"language_model\\.model\\.layers\\.(\\d+)\\.self_attn\\.o_proj", "layers.$1.attention.wo"},
                new String[] {"language_model\\.model\\.layers\\.(\\d+)\\.mlp\\.gate_proj", "layers.$1.feed_forward.w1"},
                new String[] {"language_model\\.model\\.layers\\.(\\d+)\\.mlp\\.down_proj", "layers.$1.feed_forward.w2"},
                new String[] {"language_model\\.model\\.layers\\.(\\d+)\\.mlp\\.up_proj", "layers.$1.feed_forward.w3"},
                new String[] {"language_model\\.model\\.layers\\.(\\d+)\\.input_layernorm", "layers.$1.attention_norm"},
                new String[] {"language_model\\.model\\.layers\\.(\\d+)\\.post_attention_layernorm", "layers.$1.ffn_norm"},
                new String[] {"language_model\\.model\\.embed_tokens", "tok_embeddings"},
                new String[] {"language_model\\.model\\.norm", "norm"},
                new String[] {"language_model\\.lm_head", "output"})) {
            Matcher matcher = Pattern.compile("^" + rule[0]).matcher(hf);
            if (matcher.find()) {
                return matcher.replaceFirst(rule[1]);
            }
        }
        throw new IllegalArgumentException("no mistral name for tensor " + hf);
    }

    /**
     * Builds {@code params.json}. The vision section carries {@code hidden_act}, which
     * mistral_inference does not define (its encoder always uses SiLU), because the golden's vision
     * tower uses transformers' default GELU.
     */
    private static JsonObject params(ModelConfig config) {
        ModelConfig text = config.section("text_config");
        ModelConfig vision = config.section("vision_config");
        JsonObject encoder = new JsonObject();
        encoder.addProperty("hidden_size", vision.getInt("hidden_size", 0));
        encoder.addProperty("num_channels", vision.getInt("num_channels", 3));
        encoder.addProperty("image_size", vision.getInt("image_size", 0));
        encoder.addProperty("patch_size", vision.getInt("patch_size", 0));
        encoder.addProperty("rope_theta", vision.getDouble("rope_theta", 10_000.0));
        encoder.addProperty("intermediate_size", vision.getInt("intermediate_size", 0));
        encoder.addProperty("num_hidden_layers", vision.getInt("num_hidden_layers", 0));
        encoder.addProperty("num_attention_heads", vision.getInt("num_attention_heads", 0));
        encoder.addProperty("image_token_id", config.getLong("image_token_index", 0));
        encoder.addProperty("image_break_token_id", 97);
        encoder.addProperty("image_end_token_id", 96);
        encoder.addProperty("adapter_bias", config.getBoolean("multimodal_projector_bias", true));
        encoder.addProperty("hidden_act", vision.getString("hidden_act", "gelu"));

        JsonObject params = new JsonObject();
        params.addProperty("dim", text.getInt("hidden_size", 0));
        params.addProperty("n_layers", text.getInt("num_hidden_layers", 0));
        params.addProperty("head_dim", text.getInt("head_dim", 0));
        params.addProperty("hidden_dim", text.getInt("intermediate_size", 0));
        params.addProperty("n_heads", text.getInt("num_attention_heads", 0));
        params.addProperty("n_kv_heads", text.getInt("num_key_value_heads", 0));
        params.addProperty("rope_theta", text.getDouble("rope_theta", 0));
        params.addProperty("norm_eps", text.getDouble("rms_norm_eps", 0));
        params.addProperty("vocab_size", text.getInt("vocab_size", 0));
        params.add("vision_encoder", encoder);
        return params;
    }
}
