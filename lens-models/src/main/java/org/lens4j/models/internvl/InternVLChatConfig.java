package org.lens4j.models.internvl;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.util.Objects;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.internvl.internal.PixelShuffle;
import org.lens4j.models.llama.DecoderVariant;
import org.lens4j.models.llama.LlamaTextConfig;

/**
 * An {@code InternVLChatConfig} of the original remote-code layout ({@code InternVLChatModel}).
 *
 * @param vision the InternViT tower, at the tile size the model runs at
 * @param text the language model, which must be a {@code Qwen2ForCausalLM}
 * @param downsampleRatio the pixel-shuffle ratio, where 0.5 merges 2×2 patches into one token
 * @param selectLayer the tower hidden state the features come from: −1 is the tower output, and
 *     any other index counts hidden states from the embeddings (0)
 * @param psVersion {@code "v2"}, or {@code "v1"}, whose pixel shuffle leaves the token grid transposed
 */
public record InternVLChatConfig(
        InternVisionConfig vision, LlamaTextConfig text, double downsampleRatio, int selectLayer, String psVersion) {

    /** The language-model class this layout supports. */
    public static final String SUPPORTED_LANGUAGE_MODEL = "Qwen2ForCausalLM";

    /** Validates the components. */
    public InternVLChatConfig {
        Objects.requireNonNull(vision, "vision");
        Objects.requireNonNull(text, "text");
        int states = vision.numLayers() + 1;
        if (selectLayer < -states || selectLayer >= states) {
            throw new IllegalArgumentException("select_layer " + selectLayer + " is outside the " + states
                    + " hidden states of a " + vision.numLayers() + "-layer vision tower");
        }
        if (!"v1".equals(psVersion) && !"v2".equals(psVersion)) {
            throw new IllegalArgumentException("unsupported ps_version '" + psVersion + "'; expected v1 or v2");
        }
        PixelShuffle.factor(downsampleRatio, vision.patchesPerSide());
    }

    /**
     * Reads {@code config.json} of a remote-code InternVL model, taking the defaults of its
     * {@code InternVLChatConfig} for absent keys: ratio 0.5, {@code select_layer} −1,
     * {@code ps_version} v1, an InternLM2 language model.
     *
     * @throws IllegalArgumentException when {@code llm_config.architectures} names a language model
     *     other than {@code Qwen2ForCausalLM} (InternLM2 in particular), when LoRA adapters are
     *     configured, or when a value is invalid
     */
    public static InternVLChatConfig from(ModelConfig config) {
        checkLanguageModel(config);
        if (config.getInt("use_backbone_lora", 0) != 0 || config.getInt("use_llm_lora", 0) != 0) {
            throw new IllegalArgumentException("config " + config.source() + " sets use_backbone_lora="
                    + config.getInt("use_backbone_lora", 0) + ", use_llm_lora=" + config.getInt("use_llm_lora", 0)
                    + "; LoRA adapters are not supported, so merge them into the weights first");
        }
        ModelConfig vision = config.section("vision_config");
        int imageSize = config.getInt("force_image_size", vision.getInt("image_size", 224));
        LlamaTextConfig text = LlamaTextConfig.from(config.section("llm_config"));
        if (text.variant() != DecoderVariant.QWEN2) {
            throw new IllegalArgumentException("llm_config.model_type of " + config.source() + " is '"
                    + text.variant().modelType() + "' but llm_config.architectures names "
                    + SUPPORTED_LANGUAGE_MODEL + "; set model_type to qwen2");
        }
        return new InternVLChatConfig(
                InternVisionConfig.fromRemote(vision, imageSize),
                text,
                config.getDouble("downsample_ratio", 0.5),
                config.getInt("select_layer", -1),
                config.getString("ps_version", "v1"));
    }

    /** Returns how many patches along each side merge into one token (2 for a ratio of 0.5). */
    public int shuffleFactor() {
        return PixelShuffle.factor(downsampleRatio, vision.patchesPerSide());
    }

    /** Returns the number of image tokens one tile yields. */
    public int tokensPerTile() {
        int side = vision.patchesPerSide() / shuffleFactor();
        return side * side;
    }

    /** Returns whether the pixel shuffle leaves the token grid transposed ({@code ps_version} v1). */
    public boolean transposedShuffle() {
        return "v1".equals(psVersion);
    }

    private static void checkLanguageModel(ModelConfig config) {
        ModelConfig llm = config.section("llm_config");
        String architecture = "InternLM2ForCausalLM";
        if (llm.has("architectures")) {
            JsonArray names = llm.getArray("architectures").orElseThrow();
            JsonElement first = names.isEmpty() ? null : names.get(0);
            architecture = first == null || !first.isJsonPrimitive() ? "<none>" : first.getAsString();
        }
        if (architecture.startsWith("InternLM2")) {
            throw new IllegalArgumentException("InternLM2 language models are not supported yet: llm_config.architectures"
                    + " of " + config.source() + " names " + architecture + "; this layout supports "
                    + SUPPORTED_LANGUAGE_MODEL + " language models (for example InternVL2.5-1B or -4B)");
        }
        if (!SUPPORTED_LANGUAGE_MODEL.equals(architecture)) {
            throw new IllegalArgumentException("unsupported language model llm_config.architectures[0]='" + architecture
                    + "' in " + config.source() + "; this layout supports " + SUPPORTED_LANGUAGE_MODEL);
        }
    }
}
