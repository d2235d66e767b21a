package org.lens4j.models.qwen2vl.internal;

import java.util.Arrays;
import java.util.Locale;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.blocks.Activation;

/**
 * The settings of a Qwen2-VL or Qwen2.5-VL checkpoint, read from {@code config.json} with the
 * defaults of transformers 4.47 ({@code Qwen2VLConfig}) and 4.49 ({@code Qwen2_5_VLConfig}).
 *
 * <p>Text settings are read from {@code text_config} when the file has one (the ≥ 4.52 layout) and
 * from the top level otherwise.
 */
public record QwenVLConfig(
        Variant variant,
        Vision vision,
        Text text,
        TokenIds tokens) {

    /** The family variant. */
    public enum Variant {
        /** Qwen2-VL: LayerNorm and QuickGELU MLP vision blocks, full attention per image. */
        QWEN2_VL("qwen2_vl"),
        /** Qwen2.5-VL: RMSNorm and gated MLP vision blocks, window attention. */
        QWEN2_5_VL("qwen2_5_vl");

        private final String modelType;

        Variant(String modelType) {
            this.modelType = modelType;
        }

        /** Returns the {@code model_type} value of the family. */
        public String modelType() {
            return modelType;
        }
    }

    /**
     * Vision tower settings.
     *
     * @param depth number of vision blocks
     * @param width block width ({@code embed_dim} in Qwen2-VL, {@code hidden_size} in Qwen2.5-VL)
     * @param heads attention heads
     * @param mlpWidth inner width of the block MLP
     * @param activation the block MLP activation
     * @param patchSize spatial patch side in pixels
     * @param temporalPatchSize frames per temporal patch
     * @param mergeSize spatial merge side ({@code spatial_merge_size})
     * @param channels input channels
     * @param outWidth the merger output width (the language model width)
     * @param windowSize attention window side in pixels (Qwen2.5-VL only, else 0)
     * @param fullAttentionBlocks blocks with full attention per image (Qwen2.5-VL only)
     */
    public record Vision(int depth, int width, int heads, int mlpWidth, Activation activation, int patchSize,
            int temporalPatchSize, int mergeSize, int channels, int outWidth, int windowSize,
            int[] fullAttentionBlocks) {

        /** Returns the head size. */
        public int headSize() {
            return width / heads;
        }

        /** Returns the number of values of one flattened patch: channels · temporal · patch². */
        public int patchValues() {
            return channels * temporalPatchSize * patchSize * patchSize;
        }

        /** Returns the merged tokens' width before the merger MLP: width · merge². */
        public int mergedWidth() {
            return width * mergeSize * mergeSize;
        }

        /** Returns whether block {@code index} attends over the whole image. */
        public boolean isFullAttention(int index) {
            return Arrays.stream(fullAttentionBlocks).anyMatch(i -> i == index);
        }

        @Override
        public int[] fullAttentionBlocks() {
            return fullAttentionBlocks.clone();
        }
    }

    /**
     * Language model settings.
     *
     * @param hidden model width
     * @param layers decoder layers
     * @param heads query heads
     * @param kvHeads key/value heads
     * @param intermediate MLP inner width
     * @param activation MLP activation
     * @param rmsNormEps RMSNorm epsilon
     * @param ropeTheta rotary base
     * @param mropeSection rotary frequencies per axis (temporal, height, width); sums to headSize / 2
     * @param vocab vocabulary size
     * @param tieWordEmbeddings whether {@code lm_head} reuses the embedding matrix
     */
    public record Text(int hidden, int layers, int heads, int kvHeads, int intermediate, Activation activation,
            double rmsNormEps, double ropeTheta, int[] mropeSection, int vocab, boolean tieWordEmbeddings) {

        /** Returns the head size. */
        public int headSize() {
            return hidden / heads;
        }

        @Override
        public int[] mropeSection() {
            return mropeSection.clone();
        }
    }

    /**
     * Special token ids.
     *
     * @param image the image placeholder ({@code <|image_pad|>})
     * @param video the video placeholder
     * @param visionStart {@code <|vision_start|>}
     * @param visionEnd {@code <|vision_end|>}
     * @param visionPad {@code <|vision_pad|>}, or -1
     * @param bos beginning of text, or -1
     * @param eos end of turn, or -1
     */
    public record TokenIds(long image, long video, long visionStart, long visionEnd, long visionPad, long bos,
            long eos) {
    }

    /**
     * Reads a configuration.
     *
     * @throws IllegalArgumentException naming the key when a value is invalid or unsupported
     */
    public static QwenVLConfig from(ModelConfig config) {
        Variant variant = variantOf(config);
        ModelConfig visionSection = config.section("vision_config");
        ModelConfig textSection = config.has("text_config") ? config.section("text_config") : config;
        Vision vision = variant == Variant.QWEN2_VL ? qwen2Vision(visionSection) : qwen25Vision(visionSection);
        Text text = text(textSection);
        TokenIds tokens = new TokenIds(
                config.getLong("image_token_id", 151655),
                config.getLong("video_token_id", 151656),
                config.getLong("vision_start_token_id", 151652),
                config.getLong("vision_end_token_id", 151653),
                config.getLong("vision_token_id", -1),
                textSection.getLong("bos_token_id", config.getLong("bos_token_id", -1)),
                textSection.getLong("eos_token_id", config.getLong("eos_token_id", -1)));
        QwenVLConfig parsed = new QwenVLConfig(variant, vision, text, tokens);
        parsed.validate(config.source());
        return parsed;
    }

    /**
     * Returns the variant named by {@code model_type}, or by {@code architectures} when the type is
     * absent.
     *
     * @throws IllegalArgumentException when neither names Qwen2-VL or Qwen2.5-VL
     */
    public static Variant variantOf(ModelConfig config) {
        String type = config.modelType().orElse("");
        if (type.equals("qwen2_vl")) {
            return Variant.QWEN2_VL;
        }
        if (type.equals("qwen2_5_vl")) {
            return Variant.QWEN2_5_VL;
        }
        String architectures = config.getArray("architectures").map(Object::toString).orElse("");
        if (architectures.contains("Qwen2_5_VL")) {
            return Variant.QWEN2_5_VL;
        }
        if (architectures.contains("Qwen2VL")) {
            return Variant.QWEN2_VL;
        }
        throw new IllegalArgumentException(config.source() + ": model_type '" + type
                + "' is neither qwen2_vl nor qwen2_5_vl");
    }

    private static Vision qwen2Vision(ModelConfig v) {
        int width = v.getInt("embed_dim", 1280);
        int mlpWidth = (int) (width * v.getDouble("mlp_ratio", 4.0));
        return new Vision(v.getInt("depth", 32), width, v.getInt("num_heads", 16), mlpWidth,
                Activation.fromHiddenAct(v.getString("hidden_act", "quick_gelu")), v.getInt("patch_size", 14),
                v.getInt("temporal_patch_size", 2), v.getInt("spatial_merge_size", 2), channels(v),
                v.getInt("hidden_size", 3584), 0, new int[0]);
    }

    private static Vision qwen25Vision(ModelConfig v) {
        return new Vision(v.getInt("depth", 32), v.getInt("hidden_size", 3584), v.getInt("num_heads", 16),
                v.getInt("intermediate_size", 3420), Activation.fromHiddenAct(v.getString("hidden_act", "silu")),
                v.getInt("patch_size", 14), v.getInt("temporal_patch_size", 2), v.getInt("spatial_merge_size", 2),
                channels(v), v.getInt("out_hidden_size", 3584), v.getInt("window_size", 112),
                v.getIntArray("fullatt_block_indexes", new int[] {7, 15, 23, 31}));
    }

    private static int channels(ModelConfig v) {
        return v.getInt("in_channels", v.getInt("in_chans", 3));
    }

    private static Text text(ModelConfig t) {
        if (t.getBoolean("use_sliding_window", false)) {
            throw new IllegalArgumentException(t.source() + ": use_sliding_window=true is not supported;"
                    + " released Qwen2-VL and Qwen2.5-VL checkpoints set it to false");
        }
        ModelConfig rope = t.section("rope_scaling");
        String ropeType = rope.getString("rope_type", rope.getString("type", "default")).toLowerCase(Locale.ROOT);
        if (!ropeType.equals("default") && !ropeType.equals("mrope")) {
            throw new IllegalArgumentException(t.source() + ": rope_scaling type '" + ropeType
                    + "' is not supported; only the multimodal default (mrope) is");
        }
        int[] section = rope.getIntArray("mrope_section", null);
        if (section == null) {
            throw new IllegalArgumentException(t.source() + ": rope_scaling.mrope_section is missing;"
                    + " Qwen2-VL needs it, for example [16, 24, 24]");
        }
        int hidden = t.getInt("hidden_size", 8192);
        int heads = t.getInt("num_attention_heads", 64);
        return new Text(hidden, t.getInt("num_hidden_layers", 80), heads, t.getInt("num_key_value_heads", heads),
                t.getInt("intermediate_size", 29568), Activation.fromHiddenAct(t.getString("hidden_act", "silu")),
                t.getDouble("rms_norm_eps", 1e-5), t.getDouble("rope_theta", 1_000_000.0), section,
                t.getInt("vocab_size", 152064), t.getBoolean("tie_word_embeddings", false));
    }

    private void validate(String source) {
        requireDivisible(source, "vision width", vision.width, "vision num_heads", vision.heads);
        requireDivisible(source, "hidden_size", text.hidden, "num_attention_heads", text.heads);
        requireDivisible(source, "num_attention_heads", text.heads, "num_key_value_heads", text.kvHeads);
        if (vision.headSize() % 4 != 0) {
            throw new IllegalArgumentException(source + ": the vision head size " + vision.headSize()
                    + " must be a multiple of 4 for the 2D rotary embedding");
        }
        int sectionSum = Arrays.stream(text.mropeSection).sum();
        if (text.mropeSection.length != 3 || 2 * sectionSum != text.headSize()) {
            throw new IllegalArgumentException(source + ": mrope_section " + Arrays.toString(text.mropeSection)
                    + " must have 3 entries summing to head size / 2 = " + text.headSize() / 2);
        }
        if (variant == Variant.QWEN2_5_VL) {
            int unit = vision.patchSize * vision.mergeSize;
            if (vision.windowSize < unit || vision.windowSize % unit != 0) {
                throw new IllegalArgumentException(source + ": window_size " + vision.windowSize
                        + " must be a positive multiple of patch_size · spatial_merge_size = " + unit);
            }
        }
    }

    private static void requireDivisible(String source, String what, int value, String by, int divisor) {
        if (divisor <= 0 || value % divisor != 0) {
            throw new IllegalArgumentException(source + ": " + what + " " + value + " is not divisible by "
                    + by + " " + divisor);
        }
    }
}
