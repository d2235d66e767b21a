package org.lens4j.models.internvl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lens4j.core.testing.SharedData;

/**
 * Builds a model folder for a remote-code InternVL golden case: copies of the case's files plus an
 * {@code added_tokens.json} that gives {@code <IMG_CONTEXT>} the id the case used (99), as a real
 * checkpoint's tokenizer files would.
 */
final class ChatGoldenFolder {

    /** The Qwen2 case. */
    static final String QWEN2_CASE = "remote-code/internvl2_5_qwen2-single";
    /** The InternLM2 case. */
    static final String INTERNLM2_CASE = "remote-code/internvl2_5_internlm2-single";
    /** The {@code <IMG_CONTEXT>} id the goldens were recorded with (their meta.json). */
    static final long IMAGE_CONTEXT_ID = 99;

    private static final List<String> FILES = List.of("config.json", "model.safetensors", "inputs.safetensors",
            "activations.safetensors", "modules.txt");

    private ChatGoldenFolder() {
    }

    /** Copies the case's files into {@code target} and writes the tokenizer entry; returns {@code target}. */
    static Path create(String caseName, Path target) {
        Path source = SharedData.golden(caseName);
        try {
            for (String file : FILES) {
                Files.copy(source.resolve(file), target.resolve(file));
            }
            Files.writeString(target.resolve("added_tokens.json"), "{\"<IMG_CONTEXT>\": " + IMAGE_CONTEXT_ID + "}");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build a model folder for " + caseName + " in " + target, e);
        }
        return target;
    }
}
