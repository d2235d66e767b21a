package org.lens4j.models.llama;

/**
 * The decoder families that share the Llama layout (pre-RMSNorm, rotary positions, grouped-query
 * attention, gated MLP) and differ in class names, config defaults and a few numerical details.
 *
 * <p>A variant fixes how the RMSNorm weight is applied, whether token embeddings are scaled by
 * √hidden, and the transformers class-name prefix used in module types. A Gemma variant would set
 * {@link #rmsNormUnitOffset()} and {@link #scalesEmbeddings()} and use a tanh-GELU MLP.
 */
public enum DecoderVariant {
    /** {@code LlamaForCausalLM} (Llama 1–3, Vicuna). */
    LLAMA("llama", "Llama", false, false),
    /** {@code MistralForCausalLM}: the Llama block with a sliding-window option. */
    MISTRAL("mistral", "Mistral", false, false),
    /**
     * {@code Qwen2ForCausalLM}: the Llama block with biases on the query, key and value projections
     * (never on {@code o_proj}), regardless of {@code attention_bias}.
     */
    QWEN2("qwen2", "Qwen2", false, false);

    private final String modelType;
    private final String classPrefix;
    private final boolean rmsNormUnitOffset;
    private final boolean scalesEmbeddings;

    DecoderVariant(String modelType, String classPrefix, boolean rmsNormUnitOffset, boolean scalesEmbeddings) {
        this.modelType = modelType;
        this.classPrefix = classPrefix;
        this.rmsNormUnitOffset = rmsNormUnitOffset;
        this.scalesEmbeddings = scalesEmbeddings;
    }

    /**
     * Finds the variant for a {@code text_config.model_type}.
     *
     * @throws IllegalArgumentException naming the type and the supported ones
     */
    public static DecoderVariant forModelType(String modelType) {
        for (DecoderVariant variant : values()) {
            if (variant.modelType.equals(modelType)) {
                return variant;
            }
        }
        throw new IllegalArgumentException("unsupported language model type text_config.model_type='" + modelType
                + "'; supported: llama, mistral, qwen2");
    }

    /** Returns the {@code model_type} of this variant. */
    public String modelType() {
        return modelType;
    }

    /** Returns the transformers class-name prefix, for example {@code "Llama"}. */
    public String classPrefix() {
        return classPrefix;
    }

    /** Returns whether RMSNorm multiplies by {@code 1 + weight} instead of {@code weight}. */
    public boolean rmsNormUnitOffset() {
        return rmsNormUnitOffset;
    }

    /** Returns whether input embeddings are multiplied by √hidden before the first layer. */
    public boolean scalesEmbeddings() {
        return scalesEmbeddings;
    }

    /** Returns whether the query, key and value projections always carry a bias. */
    public boolean queryKeyValueBias() {
        return this == QWEN2;
    }
}
