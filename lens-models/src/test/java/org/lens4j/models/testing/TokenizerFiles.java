package org.lens4j.models.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates real tokenizer files that {@code scripts/resolve.sh} downloads into
 * {@code target/tokenizers/} of the repository (never committed).
 *
 * <p>The system property {@code lens.tokenizers.dir} overrides the location; otherwise
 * {@code target/tokenizers} is searched upward from the working directory.
 */
public final class TokenizerFiles {

    private TokenizerFiles() {
    }

    /** Returns the Qwen2 {@code tokenizer.json}, skipping the calling test when it is absent. */
    public static Path qwen() {
        Path file = root().resolve("qwen3").resolve("tokenizer.json");
        assumeTrue(Files.isRegularFile(file), "Qwen tokenizer not found at " + file
                + "; run scripts/resolve.sh (it needs npm) or set -Dlens.tokenizers.dir");
        return file;
    }

    private static Path root() {
        String configured = System.getProperty("lens.tokenizers.dir");
        if (configured != null) {
            return Paths.get(configured);
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("target").resolve("tokenizers");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        return Paths.get("target", "tokenizers");
    }
}
