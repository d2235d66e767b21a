package org.lens4j.models.llava;

import java.util.Objects;

/**
 * The single-turn prompts of the LLaVA families, as their model cards write them, with one
 * {@code <image>\n} per image before the user's text. The tokenizer adds BOS itself.
 */
public enum PromptTemplate {
    /** LLaVA-1.5: {@code USER: <image>\n{prompt} ASSISTANT:}. */
    LLAVA_1_5("USER: ", " ASSISTANT:"),
    /** LLaVA-NeXT with a Vicuna decoder: the Vicuna system sentence, then the LLaVA-1.5 turn. */
    VICUNA("A chat between a curious human and an artificial intelligence assistant. The assistant gives"
            + " helpful, detailed, and polite answers to the human's questions. USER: ", " ASSISTANT:"),
    /** LLaVA-NeXT with a Mistral decoder: {@code [INST] <image>\n{prompt} [/INST]}. */
    MISTRAL("[INST] ", " [/INST]"),
    /** LLaVA-NeXT with a Llama-3 decoder: one user turn, then the assistant header. */
    LLAMA3("<|start_header_id|>user<|end_header_id|>\n\n",
            "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n");

    /** The placeholder each image starts as, before expansion to its feature count. */
    public static final String IMAGE_PLACEHOLDER = "<image>";

    private final String before;
    private final String after;

    PromptTemplate(String before, String after) {
        this.before = before;
        this.after = after;
    }

    /**
     * Renders one user turn with {@code imageCount} image placeholders.
     *
     * @throws IllegalArgumentException when {@code imageCount} is negative
     */
    public String render(String prompt, int imageCount) {
        Objects.requireNonNull(prompt, "prompt");
        if (imageCount < 0) {
            throw new IllegalArgumentException("imageCount must not be negative, got " + imageCount);
        }
        return before + (IMAGE_PLACEHOLDER + "\n").repeat(imageCount) + prompt + after;
    }
}
